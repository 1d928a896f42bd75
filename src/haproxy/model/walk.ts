// The walk the engine drives rules with: every node kind of the model, entered and left in
// document order, file by file.
import type { Walk, WalkVisitor } from "../../engine/run-rules.js";
import type { HaproxyModel, HaproxyNodeKinds } from "./build.js";

export function haproxyModelWalk(model: HaproxyModel): Walk<HaproxyNodeKinds> {
  return (visitor: WalkVisitor<HaproxyNodeKinds>) => {
    for (const event of model.walkEvents) {
      if (event.exit) visitor.exit(event.kind, event.node);
      else visitor.enter(event.kind, event.node);
    }
  };
}
