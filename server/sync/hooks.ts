import type { IncomingMessage } from 'node:http';
import type { RelayMessage } from './relay';
import type { Peer, Room, RoomPolicy } from './room';

/**
 * The seams between the sync core (rooms, connections, persistence, relay, limits) and the rules
 * of what is synced (who may open which document, what a write may touch). Named after
 * Hocuspocus's hooks; the workshop rules are one implementation (workshop-policy.ts).
 */

/** What a connection was let in with. `context` is the policy's own (the core never reads it). */
export interface Admission<Context = unknown> {
	access: Peer['access'];
	moderator: boolean;
	owner: string;
	context: Context;
}

export type Verdict<Context = unknown> = Admission<Context> | { refuse: number; reason: string };

export interface AuthenticatePayload {
	docName: string;
	request: IncomingMessage;
}

/** A live connection as the policy sees it, e.g. to re-check access when an invite is revoked. */
export interface ConnectionInfo<Context = unknown> {
	docName: string;
	admission: Admission<Context>;
	close(code: number, reason: string): void;
}

/** What the core offers a policy. */
export interface Engine<Context = unknown> {
	/** Opens a room (loading it if needed); pair with `release` when done. */
	open(name: string): Room;
	/** Lets an unused room unload after the idle time. */
	release(room: Room): void;
	/** Opens a room for the server's own work and releases it afterwards. */
	withRoom<T>(name: string, work: (room: Room) => Promise<T> | T): Promise<T>;
	/** The loaded instance of a room, if any. */
	loaded(name: string): Room | undefined;
	/** Keeps a room loaded (opening it) until the returned function is called. */
	pin(name: string): () => void;
	/** Names of stored or loaded documents starting with `prefix`. */
	documentNames(prefix: string): Promise<string[]>;
	connections(): Iterable<ConnectionInfo<Context>>;
	/** Tells the other processes (Redis) about something the policy must hear there too. */
	publish(message: Pick<RelayMessage, 'change'>): void;
}

export interface SyncHooks<Context = unknown> extends RoomPolicy {
	/** The engine is ready; the policy keeps the handle. */
	onConfigure?(engine: Engine<Context>): void;
	/** Decides whether a connection may open a document, and with what rights. */
	onAuthenticate(payload: AuthenticatePayload): Promise<Verdict<Context>>;
	/**
	 * A room was created (it may still be loading). Returns what to undo when the room goes.
	 * Rooms another room depends on can be kept loaded with `engine.pin` until the cleanup runs.
	 * `ready` is what loading must also wait for (e.g. a room this one reads on every write).
	 */
	onCreateRoom?(payload: { room: Room }): (() => void) | void;
	/** Rooms a room needs loaded before it loads itself (opened and pinned by the core). */
	dependencies?(name: string): string[];
	/** A message from another process that is not a document update or presence. */
	onRelayMessage?(message: RelayMessage): void;
	/** The engine is closing. */
	onDestroy?(): void;
}
