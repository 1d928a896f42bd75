// The timeouts that end an established WebSocket, which HAProxy treats as a tunnel once the
// server answers 101. From process_stream() in HAProxy's src/stream.c: when the backend has a
// `timeout tunnel` (set and not zero), it replaces the client and server timeouts in both
// directions, except that a side already closed uses the frontend's `timeout client-fin` or the
// backend's `timeout server-fin`. Without it, the frontend's `timeout client` and the backend's
// `timeout server` keep applying, each to its own side, so the shorter one ends an idle tunnel.
import type { EffectiveTimeout, ProxyModel } from "./proxy.js";

export interface TunnelTimeouts {
  /** The proxy the client connects to (a frontend or listen). */
  readonly frontend: ProxyModel;
  /** The proxy whose servers the tunnel goes to (a backend or listen). */
  readonly backend: ProxyModel;
  readonly tunnel: EffectiveTimeout;
  readonly client: EffectiveTimeout;
  readonly server: EffectiveTimeout;
  readonly clientFin: EffectiveTimeout;
  readonly serverFin: EffectiveTimeout;
  /**
   * What ends a tunnel nobody sends anything on: the backend's tunnel timeout when set, else the
   * shorter of the client and server timeouts that are set; null when none is (it stays open).
   */
  readonly idle: EffectiveTimeout | null;
}

/** The tunnel timeouts for traffic entering `frontend` and served by `backend`. */
export function tunnelTimeouts(frontend: ProxyModel, backend: ProxyModel): TunnelTimeouts {
  const tunnel = backend.effectiveTimeout("tunnel");
  const client = frontend.effectiveTimeout("client");
  const server = backend.effectiveTimeout("server");
  const sides = [client, server].filter((timeout) => timeout.isSet).sort((a, b) => a.value! - b.value!);
  return {
    frontend,
    backend,
    tunnel,
    client,
    server,
    clientFin: frontend.effectiveTimeout("client-fin"),
    serverFin: backend.effectiveTimeout("server-fin"),
    idle: tunnel.isSet ? tunnel : (sides[0] ?? null),
  };
}

/** The tunnel timeouts of every route into a backend or listen, one entry per route it has a target for. */
export function tunnelTimeoutsOf(backend: ProxyModel): TunnelTimeouts[] {
  return backend.routesIn.map((route) => tunnelTimeouts(route.from, backend));
}
