export function positionErrors(
  tree: unknown,
  text: string,
  lineIndex: { position(offset: number): { line: number; column: number } },
): string[];
export function roundTripError(printed: string, text: string): string | undefined;
