// The walk the engine drives rules with: every node kind of the model, entered and left in
// document order, included files in place (a file included twice is walked twice).
import type { Walk, WalkVisitor } from "../../engine/run-rules.js";
import type { NginxModel, NginxNodeKinds } from "./build.js";

type Kind = keyof NginxNodeKinds;

/** One node entered or left, as the model builder announces it. */
export type WalkStep = { [K in Kind]: { kind: K; node: NginxNodeKinds[K] } }[Kind];

/**
 * The walk's steps, recorded while the model is built. Kept as parallel arrays rather than one
 * object per step: a large configuration has hundreds of thousands of steps.
 */
export class WalkRecording {
  private readonly kinds: Kind[] = [];
  private readonly nodes: unknown[] = [];
  private readonly exits: boolean[] = [];

  enter(step: WalkStep): void {
    this.record(step.kind, step.node, false);
  }

  exit(step: WalkStep): void {
    this.record(step.kind, step.node, true);
  }

  record<K extends Kind>(kind: K, node: NginxNodeKinds[K], exit: boolean): void {
    this.kinds.push(kind);
    this.nodes.push(node);
    this.exits.push(exit);
  }

  replay(visitor: WalkVisitor<NginxNodeKinds>): void {
    const { kinds, nodes, exits } = this;
    for (let i = 0; i < kinds.length; i++) {
      // Each node was recorded with its own kind, so the pair is well-typed.
      const node = nodes[i] as NginxNodeKinds[Kind];
      if (exits[i]) visitor.exit(kinds[i]!, node);
      else visitor.enter(kinds[i]!, node);
    }
  }
}

export function nginxModelWalk(model: NginxModel): Walk<NginxNodeKinds> {
  return (visitor) => model.walkRecording.replay(visitor);
}
