// Where a memory snapshot is kept (calc-snapshot.js): Cache Storage on this device, under "calc-snapshot/" beside
// the runtime; its description (meta) is written last, so a snapshot without one is never used. A failed attempt
// leaves a note of a few bytes, and the next attempt for the same deployment waits 1, 2, 4 … days.

// Not "wdyq-…": the service worker deletes those caches on every new site version; this one is keyed instead.
const CACHE = "calc-snapshot";
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_WAIT_DAYS = 32;

function cacheURL(base, name) {
  return new URL(`calc-snapshot/${name}`, base).href;
}


/** Keep a snapshot: its memory, then its description. */
export async function store(base, meta, bytes) {
  const cache = await caches.open(CACHE);
  // Stored as it is (about 30 MB): gzip would make it 7 MB but cost a decompression on every return visit.
  await cache.put(cacheURL(base, "memory"), new Response(bytes));
  // The description goes last: a snapshot without one is never used.
  await cache.put(cacheURL(base, "meta"), new Response(JSON.stringify(meta)));
  await cache.delete(cacheURL(base, "failed")).catch(() => {}); // the snapshot is kept either way
}

/**
 * When the next attempt may be made after ``failure`` ({count, at}): a day after the first failed attempt for this
 * deployment, then 2, 4, 8 … days (at most MAX_WAIT_DAYS). A device short of storage is not asked to start a second
 * interpreter, and fail again, on every visit.
 */
export function nextAttemptAt(failure) {
  return failure.at + Math.min(MAX_WAIT_DAYS, 2 ** (failure.count - 1)) * DAY_MS;
}

/** Whether an attempt for the deployment ``key`` is due, given the stored ``failure`` note (or null). */
export function attemptDue(failure, key, now = Date.now()) {
  // No note, a note for another deployment, or the clock went back: due.
  if (!failure || failure.key !== key || !(failure.at <= now)) return true;
  return now >= nextAttemptAt(failure);
}

export async function storedFailure(base) {
  try {
    const hit = await (await caches.open(CACHE)).match(cacheURL(base, "failed"));
    return hit ? await hit.json() : null;
  } catch {
    return null; // unreadable: as if there were none
  }
}

/** Note a failed attempt for the deployment ``key`` (a few bytes: likely to fit where 30 MB did not). */
export async function noteFailure(base, key, message) {
  try {
    const last = await storedFailure(base);
    const count = last && last.key === key ? last.count + 1 : 1;
    const note = { key, count, at: Date.now(), message: String(message) };
    await (await caches.open(CACHE)).put(cacheURL(base, "failed"), new Response(JSON.stringify(note)));
  } catch {
    // Storage refuses even this: the next start simply tries again.
  }
}

/** Forget the snapshot (stale, corrupt or failed its self-check). */
export async function deleteSnapshot(base) {
  try {
    const cache = await caches.open(CACHE);
    await cache.delete(cacheURL(base, "meta"));
    await cache.delete(cacheURL(base, "memory"));
  } catch {
    // Nothing stored, or storage unavailable: nothing to delete.
  }
}

/** The stored snapshot's description, or null. */
export async function storedMeta(base) {
  if (!globalThis.caches) return null;
  const hit = await (await caches.open(CACHE)).match(cacheURL(base, "meta"));
  return hit ? hit.json() : null;
}

/** The stored snapshot's memory (throws when it is missing). */
export async function storedBytes(base) {
  const hit = await (await caches.open(CACHE)).match(cacheURL(base, "memory"));
  if (!hit) throw new Error("snapshot memory missing");
  return new Uint8Array(await hit.arrayBuffer());
}
