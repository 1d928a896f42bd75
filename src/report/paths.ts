import { isAbsolute, relative, resolve, sep } from "node:path";

/** `file` relative to `cwd` with forward slashes, or absolute when it lies outside `cwd`. */
export function displayPath(cwd: string, file: string): string {
  const absolute = resolve(cwd, file);
  const relativePath = relative(cwd, absolute);
  if (relativePath === "" || relativePath.startsWith("..") || isAbsolute(relativePath)) return absolute.split(sep).join("/");
  return relativePath.split(sep).join("/");
}
