/**
 * A WebSocket stand-in for transport tests: records what was sent and lets the
 * test play the server (open, message, drop).
 */
import type { WebSocketLike } from '../app/transport/ws-transport';

export class FakeWebSocket implements WebSocketLike {
  /** Every socket created, oldest first; reset it in `beforeEach`. */
  static instances: FakeWebSocket[] = [];

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no FakeWebSocket was created');
    return socket;
  }

  readonly url: string;
  readyState = 0;
  readonly sent: unknown[] = [];
  closedByClient = false;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send() on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** Server side: accept the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** Server side: send a message (serialised like the real server does). */
  receive(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  /** Server side: the connection drops (or was refused before it opened). */
  drop(): void {
    this.readyState = 3;
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }

  /** The messages of one type that went out, e.g. `sentOf('subscribe')`. */
  sentOf(type: string): Record<string, unknown>[] {
    return this.sent.filter((message): message is Record<string, unknown> => (message as { type?: unknown }).type === type);
  }
}
