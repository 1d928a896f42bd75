// The walk the engine drives rules with: every node kind of the model, entered and left in
// document order, included files in place (a file included twice is walked twice).
import type { Walk, WalkVisitor } from "../../engine/run-rules.js";
import type { NginxModel, NginxNodeKinds } from "./build.js";

export function nginxModelWalk(model: NginxModel): Walk<NginxNodeKinds> {
  return (visitor: WalkVisitor<NginxNodeKinds>) => {
    for (const event of model.walkEvents) {
      if (event.exit) visitor.exit(event.kind, event.node);
      else visitor.enter(event.kind, event.node);
    }
  };
}
