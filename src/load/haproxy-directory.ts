// Which files `haproxy -f DIR` reads, and in which order. HAProxy has no include directive: a
// configuration of several files is read from a directory (or several -f), each file after the
// other, the last defaults section carrying over into the next file.
//
// cfgfiles_expand_directories() in haproxy.c lists the directory with scandir(3) and alphasort,
// which compares bytes in the C locale HAProxy runs in (B.cfg before a.cfg), and keeps the regular
// files, symbolic links followed, whose name does not start with "." and whose first ".cfg" ends
// it: `a.cfg.cfg` and `.old.cfg` are not read. Subdirectories are not searched.
import { basename } from "node:path";
import { compareBytes } from "./glob.js";

export function isReadByHaproxyFromDirectory(fileName: string): boolean {
  // HAProxy looks for the extension with strstr(), which finds the first ".cfg" in the name.
  const extension = fileName.indexOf(".cfg");
  return !fileName.startsWith(".") && extension !== -1 && extension === fileName.length - ".cfg".length;
}

/** Compares two paths of files in one directory by the order `haproxy -f DIR` reads them in. */
export function compareHaproxyDirectoryOrder(a: string, b: string): number {
  return compareBytes(basename(a), basename(b));
}
