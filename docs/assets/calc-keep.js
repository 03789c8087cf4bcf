// 留住本机数据 (keeping the reader's data): browsers may delete what a site saved (Safari after some days without a
// visit, any browser short of space), so:
// * the first time the reader saves, the browser is asked to keep this site's data (navigator.storage.persist());
//   where there is no StorageManager (WebKitGTK under automation, old browsers) nothing is asked or said;
// * the store line (the sentence saying where the data is saved) says what the browser answered and when the data
//   was last exported (the time is noted at each JSON export: the full backup);
// * after a month with saved data and no export, the progress and plan pages remind the reader once, with the export
//   button; put away, the reminder stays away for a month.
// Every sentence is Python's (calculators/render.py: data-keep-* and the reminder's text); this file picks and fills.
import { readKeep, readStore, writeKeep } from "./calc-store.js";
import { defaultsOf } from "./calc-form.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long saved data may go without an export before the reminder. */
export const MONTH_MS = 30 * DAY_MS;

/** Has the reader saved something of their own (not the worked example, not an emptied field)? */
export function worthKeeping(root) {
  const defaults = defaultsOf(root);
  return Object.entries(readStore().fields).some(([name, value]) =>
    value.trim() !== "" && (!Object.hasOwn(defaults, name) || value !== defaults[name]));
}

/** Whether the browser keeps this site's data for good: true | false, or null where it cannot say. */
async function persisted() {
  try {
    return navigator.storage?.persisted ? await navigator.storage.persisted() : null;
  } catch {
    return null;
  }
}

/** 2026年11月3日 from the line's template ({y} {m} {d}). */
function dated(template, ms) {
  const day = new Date(ms);
  return template.replace("{y}", day.getFullYear()).replace("{m}", day.getMonth() + 1).replace("{d}", day.getDate());
}

/** Fill the store line's keep sentence and show or hide the export reminder. */
export async function showKeep(root) {
  const line = root.querySelector("[data-keep]");
  if (!line) return;
  const remind = root.querySelector("[data-remind]");
  if (!worthKeeping(root)) {
    line.hidden = true;
    if (remind) remind.hidden = true;
    return;
  }
  let keep = readKeep();
  if (!keep.since) writeKeep({ since: Date.now() }); // saved before this was noted: the month starts now
  keep = { since: Date.now(), ...keep };
  const kept = await persisted();
  const parts = [];
  if (kept) parts.push(line.dataset.keepGranted);
  else if (kept === false && keep.asked) parts.push(line.dataset.keepDenied);
  parts.push(keep.exported ? dated(line.dataset.keepExported, keep.exported) : line.dataset.keepNever);
  line.textContent = parts.join("");
  line.hidden = false;
  if (remind) {
    const last = Math.max(keep.exported || keep.since, keep.dismissed || 0);
    remind.hidden = !(Date.now() - last >= MONTH_MS);
  }
}

/** The reader has just saved: the first time, ask the browser to keep the data; then update the store line. */
export async function noteSaved(root) {
  const keep = readKeep();
  if (!keep.since) writeKeep({ since: Date.now() });
  if (!keep.asked && navigator.storage?.persist) {
    writeKeep({ asked: Date.now() });
    try {
      writeKeep({ answer: (await navigator.storage.persist()) ? "granted" : "denied" });
    } catch (err) {
      console.info("navigator.storage.persist", err);
    }
  } else if (keep.since && root.querySelector("[data-keep]")?.hidden === false) {
    return; // nothing new to say (this runs on every keystroke)
  }
  await showKeep(root);
}

/** The reader has just exported everything (JSON): note the time; the reminder goes. */
export function noteExported(root) {
  writeKeep({ exported: Date.now() });
  return showKeep(root);
}

/** 这个月不再提醒: put the reminder away for a month. */
export function dismissReminder(root) {
  writeKeep({ dismissed: Date.now() });
  return showKeep(root);
}
