#!/usr/bin/env sh
# Make sure the Debian packages a target needs are there: `scripts/system-deps.sh chromium nginx webkit firefox`.
# Missing ones are installed when running as root with apt (one `apt-get update` first); otherwise one Chinese
# line says what to install, and the exit code is 1. CHROMIUM / NGINX name the programs to look for, if set.
BROTLI=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
have() {
  case "$1" in
    chromium) if [ -n "${CHROMIUM:-}" ]; then command -v "$CHROMIUM"; else command -v chromium || command -v chromium-browser; fi ;;
    nginx) { if [ -n "${NGINX:-}" ]; then command -v "$NGINX"; else command -v nginx || command -v /usr/sbin/nginx; fi; } && [ -f "$BROTLI" ] ;;
    # WebKitGTK's WebDriver drives MiniBrowser (inside libwebkit2gtk-4.1-0, outside PATH) on an Xvfb display
    webkit) command -v WebKitWebDriver && command -v Xvfb && ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser ;;
    firefox) command -v "${FIREFOX:-firefox-esr}" ;;
  esac >/dev/null 2>&1
}
packages() {
  case "$1" in
    chromium) echo chromium ;;
    nginx) echo nginx libnginx-mod-http-brotli-static ;;
    webkit) echo webkit2gtk-driver xvfb ;;
    firefox) echo firefox-esr ;;
  esac
}
missing=""; names=""
for need in "$@"; do
  have "$need" || { missing="$missing $(packages "$need")"; names="$names${names:+ 和 }$need"; }
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装缺少的软件包：$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq $missing >/dev/null
  still=""
  for need in "$@"; do have "$need" || still="$still $need"; done
  [ -z "$still" ] && exit 0
fi
echo "缺少 $names：请安装 Debian 软件包（以 root 运行 make 会自动安装）：apt-get install$missing" >&2
exit 1
