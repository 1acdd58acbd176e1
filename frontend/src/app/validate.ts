/** Checks made on a chosen file before it is sent (the server checks again with ffprobe). */

export const VIDEO_EXTENSIONS = ["mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg", "ogv", "3gp", "wmv"];

export type FileProblem =
  | { key: "upload.errType"; vars: { name: string } }
  | { key: "upload.errSize"; vars: { name: string; size: number; max: number } }
  | { key: "upload.errEmpty"; vars: { name: string } };

/** Why `file` cannot be uploaded (type, size), or null when it can. `maxBytes`: the server's limit. */
export function checkVideoFile(file: { name: string; type: string; size: number }, maxBytes: number): FileProblem | null {
  const ext = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const typeOk = file.type.startsWith("video/") || VIDEO_EXTENSIONS.includes(ext);
  if (!typeOk) return { key: "upload.errType", vars: { name: file.name } };
  if (file.size === 0) return { key: "upload.errEmpty", vars: { name: file.name } };
  if (file.size > maxBytes) return { key: "upload.errSize", vars: { name: file.name, size: file.size, max: maxBytes } };
  return null;
}
