// Saved data (本机保存的数据): the shared store (债务、预算、催收记录) and one draft per tool, in localStorage.
// Every read and write can fail (quota full, storage disabled, private mode): nothing here throws. What could not
// be saved stays in memory for this visit (instant navigation included) and the caller says 没有保存.
export const STORE_KEY = "wdyq:v1:shared";
export const SCHEMA = 1;
const PREFIX = "wdyq:";
const draftKey = (calcId) => `${PREFIX}v1:draft:${calcId}`;
const KEEP_KEY = `${PREFIX}v1:keep`;

/** Shared values typed but not saved (storage full or disabled); they win over the saved ones. */
let unsaved = {};
/** Unreadable saved data that could not be copied aside: kept in place, never overwritten until downloaded. */
export const unreadable = { raw: null };

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: reading the property itself throws
  }
}

function get(key) {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Write one key; false when the browser refused (the error is logged, never thrown). */
function put(key, value) {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(key, value);
    return true;
  } catch (err) {
    console.warn(`localStorage: could not write ${key}`, err);
    return false;
  }
}

function strings(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === "string") out[k] = v;
  return out;
}

function parseStore(raw) {
  try {
    const data = JSON.parse(raw);
    const ok = data && data.schema === SCHEMA && data.fields && typeof data.fields === "object" &&
      !Array.isArray(data.fields);
    return ok ? strings(data.fields) : null;
  } catch {
    return null;
  }
}

/**
 * The shared saved fields. `notice` is set when saved data could not be read: it is copied aside under a backup
 * key, or, when even that fails, kept in place and offered as a download (`unreadable.raw`).
 * @returns {{fields: Object<string, string>, notice?: string, saved: boolean}}
 */
export function readStore() {
  const raw = unreadable.raw === null ? get(STORE_KEY) : null;
  let fields = {};
  let notice;
  if (raw !== null) {
    const parsed = parseStore(raw);
    if (parsed) {
      fields = parsed;
    } else {
      const backup = `${PREFIX}backup:${Date.now()}`;
      if (put(backup, raw)) {
        try {
          storage().removeItem(STORE_KEY);
        } catch { /* it stays; the copy is safe */ }
        notice = `之前保存的数据无法读取，已原样另存为 ${backup}（仍在本机）。`;
      } else {
        unreadable.raw = raw;
      }
    }
  }
  if (unreadable.raw !== null) {
    notice = "之前保存的数据无法读取，本机空间也不够另存一份：它原样留在本机。请先点“下载无法读取的数据”存一份；" +
      "在那之前，新填的内容不会保存。";
  }
  return { fields: { ...fields, ...unsaved }, notice, saved: Object.keys(unsaved).length === 0 };
}

/** The whole store as the export contains it: {schema, saved, fields}. */
export function storeData(fields) {
  return { schema: SCHEMA, saved: new Date().toISOString(), fields };
}

/**
 * Save shared values (merged into what is saved). Returns true when saved; false when only kept in memory.
 * @param {Object<string, string>} changes
 */
export function saveShared(changes) {
  const fields = { ...readStore().fields, ...changes };
  if (unreadable.raw === null && put(STORE_KEY, JSON.stringify(storeData(fields)))) {
    unsaved = {};
    return true;
  }
  unsaved = { ...unsaved, ...changes };
  return false;
}

/** Replace the whole shared store (import, undo); `fields` null removes it. Returns true when saved. */
export function replaceShared(fields) {
  if (fields === null) {
    try {
      storage()?.removeItem(STORE_KEY);
    } catch { /* nothing was saved to remove */ }
    unsaved = {};
    return true;
  }
  unsaved = {};
  if (unreadable.raw === null && put(STORE_KEY, JSON.stringify(storeData(fields)))) return true;
  unsaved = { ...fields };
  return false;
}

/** Is there a saved store at all (so that undo knows whether to remove it)? */
export function hasSaved() {
  return get(STORE_KEY) !== null || Object.keys(unsaved).length > 0;
}

/** The reader downloaded the unreadable data: from now on, the next save may replace it. */
export function releaseUnreadable() {
  unreadable.raw = null;
}

/**
 * 保留记录 (calc-keep.js): when the reader first saved, when the browser was asked to keep the data (and what it
 * answered), when the data was last exported, when the export reminder was last put away; times in ms.
 * @returns {{since?: number, asked?: number, answer?: string, exported?: number, dismissed?: number}}
 */
export function readKeep() {
  try {
    const data = JSON.parse(get(KEEP_KEY) || "{}");
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  } catch {
    return {};
  }
}

/** Merge ``changes`` into the keep record; false when the browser refused. */
export function writeKeep(changes) {
  return put(KEEP_KEY, JSON.stringify({ ...readKeep(), ...changes }));
}

/** This tool's draft: the values of its own (not shared) fields. */
export function readDraft(calcId) {
  const raw = get(draftKey(calcId));
  if (raw === null) return {};
  try {
    const data = JSON.parse(raw);
    return data && typeof data === "object" && !Array.isArray(data) ? strings(data) : {};
  } catch {
    return {};
  }
}

/** Save this tool's draft; false when the browser refused. */
export function writeDraft(calcId, values) {
  return put(draftKey(calcId), JSON.stringify(values));
}

/** 清除本机数据: every key of this site (shared data, drafts, backups) and what was kept in memory. */
export function clearAll() {
  unsaved = {};
  unreadable.raw = null;
  const s = storage();
  if (!s) return;
  try {
    for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
  } catch (err) {
    console.warn("localStorage: could not clear", err);
  }
}
