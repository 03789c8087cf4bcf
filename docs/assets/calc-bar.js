// The runtime's progress bar (下载进度条) under a calculator's form: bytes downloaded of the total on a first visit
// (calc-download.js counts them in the worker) with the time the rest should take at the measured rate, or the
// start-up step otherwise. Its wording lives here because it is shown before Python is loaded.
// The bar is a real <progress> carrying its text (aria-valuetext); the visible copy of that text is hidden from
// screen readers, and it is outside the status line's live region: a reader is not told every quarter second.

const MB = 1024 * 1024;

/** 2.1 MB: one decimal (0.1 MB is what a phone reader notices). */
export function megabytes(bytes) {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The time hint for ``seconds`` left, in steps a reader can use; "" when there is no honest estimate. */
export function timeLeft(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 10) return "不到 10 秒";
  if (seconds < 60) return `约还需 ${Math.ceil(seconds / 5) * 5} 秒`;
  if (seconds < 120) return `约还需 ${Math.ceil(seconds / 10) * 10} 秒`;
  return `约还需 ${Math.round(seconds / 60)} 分钟`;
}

/** The bar's text for a normal start's downloads (calc-protocol.js Bytes). */
export function bytesText(bytes) {
  const done = `已下载 ${megabytes(bytes.loaded)} / ${megabytes(bytes.total)}`;
  const hint = bytes.done ? "" : timeLeft(bytes.seconds);
  return hint ? `${done}，${hint}` : done;
}

/**
 * Show the engine's progress in one calculator: ``bytes`` (the last count of a normal start's downloads, kept after
 * they end) when there are any, else the share of start-up steps done by ``p`` (ProgressReply, or null).
 */
export function showBar(root, p, bytes) {
  const bar = root.querySelector("[data-progress]");
  const label = root.querySelector("[data-progress-text]");
  bar.hidden = false;
  if (bytes && bytes.total > 0) {
    const text = bytesText(bytes);
    bar.max = bytes.total;
    bar.value = bytes.loaded;
    bar.setAttribute("aria-valuetext", text);
    if (label) {
      label.textContent = text;
      label.hidden = false;
    }
    return;
  }
  bar.max = 100;
  bar.value = p ? Math.round((100 * p.step) / p.total) : 0;
  bar.removeAttribute("aria-valuetext");
  if (label) label.hidden = true;
}

/** Hide the bar and its text (ready, or failed). */
export function hideBar(root) {
  root.querySelector("[data-progress]").hidden = true;
  const label = root.querySelector("[data-progress-text]");
  if (label) label.hidden = true;
}
