// The walk the engine drives rules with: every node kind of the model, entered and left in
// document order, included files in place (a file included twice is walked twice).
import type { Walk, WalkVisitor } from "../../engine/run-rules.js";
import type { NginxModel, NginxNodeKinds } from "./build.js";

type Kind = keyof NginxNodeKinds;

/** One node entered or left, as the model builder announces it. */
export type WalkStep = { [K in Kind]: { kind: K; node: NginxNodeKinds[K] } }[Kind];

/** Each kind's number in a step code; TypeScript checks that every kind has one. */
const KIND_NUMBERS: Readonly<Record<Kind, number>> = {
  file: 0,
  http: 1,
  server: 2,
  location: 3,
  if: 4,
  map: 5,
  upstream: 6,
  directive: 7,
};
const KINDS: readonly Kind[] = (Object.keys(KIND_NUMBERS) as Kind[]).sort((a, b) => KIND_NUMBERS[a] - KIND_NUMBERS[b]);

/** What a step does with its node; a code is a kind's number times 3 plus one of these. */
const ENTER = 0;
const EXIT = 1;
/** A node with nothing inside it, a directive without a block: entered and left at once. */
const ENTER_AND_EXIT = 2;

/**
 * The walk's steps, recorded while the model is built. Kept as two parallel arrays (a byte per
 * step, and its node) rather than one object per step: a large configuration has hundreds of
 * thousands of steps.
 */
export class WalkRecording {
  private codes = new Uint8Array(1024);
  private readonly nodes: unknown[] = [];

  enter(step: WalkStep): void {
    this.push(step.kind, step.node, ENTER);
  }

  exit(step: WalkStep): void {
    this.push(step.kind, step.node, EXIT);
  }

  record<K extends Kind>(kind: K, node: NginxNodeKinds[K], exit: boolean): void {
    this.push(kind, node, exit ? EXIT : ENTER);
  }

  /** Enters and at once leaves a node that holds no other: one step instead of two. */
  recordEnterAndExit<K extends Kind>(kind: K, node: NginxNodeKinds[K]): void {
    this.push(kind, node, ENTER_AND_EXIT);
  }

  private push(kind: Kind, node: unknown, what: number): void {
    const index = this.nodes.length;
    if (index === this.codes.length) {
      const larger = new Uint8Array(index * 2);
      larger.set(this.codes);
      this.codes = larger;
    }
    this.codes[index] = KIND_NUMBERS[kind] * 3 + what;
    this.nodes.push(node);
  }

  /** Calls the visitor for the steps of the kinds it handles. */
  replay(visitor: WalkVisitor<NginxNodeKinds>): void {
    const { codes, nodes } = this;
    const handled = KINDS.map((kind) => visitor.kinds?.has(kind) ?? true);
    for (let i = 0; i < nodes.length; i++) {
      const code = codes[i]!;
      const kindNumber = Math.floor(code / 3);
      if (!handled[kindNumber]!) continue;
      const kind = KINDS[kindNumber]!;
      const what = code % 3;
      // Each node was recorded with its own kind, so the pair is well-typed.
      const node = nodes[i] as NginxNodeKinds[Kind];
      if (what !== EXIT) visitor.enter(kind, node);
      if (what !== ENTER) visitor.exit(kind, node);
    }
  }
}

export function nginxModelWalk(model: NginxModel): Walk<NginxNodeKinds> {
  return (visitor) => model.walkRecording.replay(visitor);
}
