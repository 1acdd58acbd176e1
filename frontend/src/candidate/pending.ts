/**
 * The recordings of this interview kept on the candidate's device (IndexedDB) until the answers are sent:
 * a recording is stored before its upload starts, so a reload, a closed tab or a dropped network never
 * loses it (the upload resumes from its tus URL); it is kept for the review step (to watch a take again),
 * and every one is erased once the answers are sent. Keyed by the invitation (the SHA-256 of its token: the
 * token itself is not stored).
 */

export interface PendingTake {
  /** local id */
  id: string;
  /** SHA-256 (hex) of the invitation's token */
  invitation: string;
  question: number;
  blob: Blob;
  type: string;
  /** the length measured while recording, milliseconds */
  durationMs: number;
  /** SHA-256 (hex) of the recording's bytes */
  sha256: string;
  /** the tus upload's URL, once made */
  uploadUrl: string | null;
  /** the take's id on the server (the last part of uploadUrl) */
  takeId: string | null;
  /** true once every byte was received */
  uploaded: boolean;
  createdAt: number;
}

const DB = "ial-candidate";
const STORE = "takes";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: "id" });
      store.createIndex("invitation", "invitation");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** SHA-256 of bytes, hex. */
export async function sha256Hex(data: ArrayBuffer | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether this browser can keep recordings (private windows of some browsers cannot). */
export function storageAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}

export const pending = {
  put: (take: PendingTake) => run("readwrite", (s) => s.put(take)).then(() => undefined),
  get: (id: string) => run<PendingTake | undefined>("readonly", (s) => s.get(id)),
  /** This invitation's recordings, oldest first. */
  list: async (invitation: string): Promise<PendingTake[]> => {
    const all = await run<PendingTake[]>("readonly", (s) => s.index("invitation").getAll(invitation));
    return all.sort((a, b) => a.createdAt - b.createdAt);
  },
  remove: (id: string) => run("readwrite", (s) => s.delete(id)).then(() => undefined),
  /** Erase every recording of this invitation (after the answers were sent). */
  clear: async (invitation: string): Promise<void> => {
    for (const t of await pending.list(invitation)) await pending.remove(t.id);
  },
};
