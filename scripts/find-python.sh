#!/usr/bin/env sh
# Print the path of a Python >= 3.12 (python3.13, python3.12, then python3 if new enough; pyenv installs too).
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for c in python3.13 python3.12 python3; do
  p=$(command -v "$c" 2>/dev/null) && ok "$p" && { echo "$p"; exit 0; }
done
for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[3-9]*/bin/python3 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3 \
         /usr/bin/python3.13 /usr/bin/python3.12 /usr/local/bin/python3.13 /usr/local/bin/python3.12; do
  [ -x "$p" ] && ok "$p" && { echo "$p"; exit 0; }
done
echo "找不到 Python 3.12 或更新版本：请先安装 Python 3.12+（例如 apt-get install python3.12 python3.12-venv）。" >&2
exit 1
