import fc from 'fast-check';
import * as Y from 'yjs';
import {
	awarenessMessage,
	awarenessPayload,
	concat,
	endlessVarUint,
	syncMessage,
	varUint
} from './bytes';
import { appRoots, Forge, serverOnlyRoots, type EditKind, type EditParams } from './forge';
import { seeded } from './random';

/**
 * The attacks: fast-check draws every random choice (seeded, so a run can be repeated), and each
 * attack turns the draw into bytes, most of them starting from real messages of a real Y.Doc.
 *
 * Benign attacks are what the stock client sends; a session sends runs of them (they must never
 * hurt) and ends each run with at most one hostile message, which may close the connection.
 */
export interface Params {
	a: number;
	b: number;
	c: number;
	/** Biased towards the edges: 2^31, 2^32, 2^53 − 1 … */
	big: number;
	bytes: Uint8Array;
	value: unknown;
	depth: number;
	text: string;
}

/** One message to build: the attack, and either fast-check's draw or a seed for a cheap one. */
export interface Plan {
	attack: string;
	p: Params | number;
}

export interface SessionPlan {
	/** Index into the engine's list of (actor, room) targets. */
	target: number;
	/** Starts like the stock client: sync step 1, so the forge learns the room's content. */
	synced: boolean;
	segments: { benign: Plan[]; hostile: Plan | null }[];
}

/** What an attack builds from: the session's forge, and recent valid messages of all sessions. */
export interface AttackContext {
	forge: Forge;
	pool: MessagePool;
}

interface Attack {
	hostile: boolean;
	weight: number;
	make(ctx: AttackContext, p: Params): Uint8Array[];
}

/** Recent valid messages of every session: the raw material of mutations. */
export class MessagePool {
	readonly #messages: Uint8Array[] = [];
	#next = 0;

	constructor(readonly size = 256) {
		const forge = new Forge('content');
		this.add(forge.syncStep1());
		this.add(Forge.updateMessage(forge.edit(editOf(sampleParams(1)))));
		this.add(forge.awarenessMessage({ user: { name: 'Fuzz' } }));
		forge.destroy();
	}

	add(message: Uint8Array): void {
		if (message.length > 64 * 1024) return;
		this.#messages[this.#next] = message;
		this.#next = (this.#next + 1) % this.size;
	}

	pick(n: number): Uint8Array {
		return this.#messages[n % this.#messages.length];
	}
}

/** Edits the app's clients make (in shape; the values are the attacker's). */
const editKinds: EditKind[] = [
	'mapSet',
	'cardLike',
	'cardLike',
	'draftLike',
	'text',
	'array',
	'xml',
	'deleteOwn'
];

function editOf(p: Params, kinds: EditKind[] = editKinds): EditParams {
	return {
		kind: kinds[p.a % kinds.length],
		root: p.b,
		key: p.c,
		value: p.value,
		index: p.a >>> 3,
		length: p.b >>> 3
	};
}

/** A presence state small enough for the server's limit, or the attacker's value if it fits. */
function presenceState(p: Params): unknown {
	const state = { user: { name: p.text, colour: '#ff0000' }, cursor: p.value };
	return JSON.stringify(state).length < 3000 ? state : { user: { name: 'x' } };
}

function bitflip(message: Uint8Array, p: Params): Uint8Array {
	const copy = message.slice();
	if (!copy.length) return copy;
	for (const n of [p.a, p.b, p.c].slice(0, 1 + (p.depth % 3)))
		copy[n % copy.length] ^= 1 << ((n >>> 8) % 8);
	return copy;
}

function truncate(message: Uint8Array, n: number): Uint8Array {
	return message.slice(0, n % Math.max(1, message.length));
}

/** A syntactically valid update from a fresh document: only what the attack puts in it. */
function freshUpdate(change: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	change(doc);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** Bad state vectors for sync step 1: the server answers these with a diff. */
function badStateVector(ctx: AttackContext, p: Params): Uint8Array {
	const real = ctx.forge.stateVector();
	switch (p.a % 7) {
		case 0:
			return new Uint8Array([5]); // five entries announced, none there: `00 00 01 05`
		case 1:
			return p.bytes;
		case 2:
			return truncate(real, p.b);
		case 3:
			return concat(varUint(p.big), p.bytes);
		case 4:
			return concat([1], varUint(p.big), varUint(p.b)); // one client, huge id
		case 5:
			return concat([1], varUint(p.b), varUint(p.big)); // one client, huge clock
		default:
			return bitflip(real, p);
	}
}

export const attacks: Record<string, Attack> = {
	// Benign: what the stock client sends.
	'valid.syncStep1': { hostile: false, weight: 3, make: (ctx) => [ctx.forge.syncStep1()] },
	'valid.syncStep2': { hostile: false, weight: 2, make: (ctx) => [ctx.forge.syncStep2()] },
	'valid.update': {
		hostile: false,
		weight: 14,
		make: (ctx, p) => [Forge.updateMessage(ctx.forge.edit(editOf(p)))]
	},
	'valid.awareness': {
		hostile: false,
		weight: 8,
		make: (ctx, p) => [ctx.forge.awarenessMessage(presenceState(p))]
	},
	'valid.awarenessRemoved': {
		hostile: false,
		weight: 1,
		make: (ctx) => [ctx.forge.awarenessMessage(null)]
	},
	'valid.queryAwareness': { hostile: false, weight: 3, make: () => [new Uint8Array([3])] },

	// Mutations of real messages.
	'mutate.truncate': {
		hostile: true,
		weight: 6,
		make: (ctx, p) => [truncate(ctx.pool.pick(p.b), p.a)]
	},
	'mutate.bitflip': {
		hostile: true,
		weight: 8,
		make: (ctx, p) => [bitflip(ctx.pool.pick(p.c), p)]
	},
	'mutate.splice': {
		hostile: true,
		weight: 4,
		make: (ctx, p) => {
			const message = ctx.pool.pick(p.c);
			const at = p.a % Math.max(1, message.length);
			const cut = p.b % 8;
			return [concat(message.subarray(0, at), p.bytes, message.subarray(at + cut))];
		}
	},
	'mutate.concat': {
		hostile: true,
		weight: 2,
		make: (ctx, p) => [concat(ctx.pool.pick(p.a), ctx.pool.pick(p.b))]
	},
	'mutate.hugeLength': {
		hostile: true,
		weight: 4,
		// The payload's length prefix says far more than follows (or an endless varuint).
		make: (ctx, p) => {
			const payload = ctx.pool.pick(p.a).subarray(2);
			const length = p.b % 4 === 0 ? endlessVarUint(1 + (p.c % 12)) : varUint(p.big);
			return [concat([p.c % 2], p.c % 2 ? [] : [p.a % 3], length, payload.subarray(0, 64))];
		}
	},

	// Random bytes and framing.
	'random.bytes': { hostile: true, weight: 4, make: (_, p) => [p.bytes] },
	'random.empty': { hostile: true, weight: 1, make: () => [new Uint8Array(0)] },
	'random.varuints': {
		hostile: true,
		weight: 3,
		make: (_, p) => [concat(varUint(p.a % 4), varUint(p.big), varUint(p.b), p.bytes)]
	},
	'wrong.messageType': {
		hostile: true,
		weight: 3,
		make: (ctx, p) => [concat(varUint(p.a % 5 === 0 ? p.big : p.a % 200), ctx.pool.pick(p.b))]
	},
	'wrong.syncStep': {
		hostile: true,
		weight: 2,
		make: (ctx, p) => [syncMessage(3 + (p.a % 1000), ctx.forge.stateVector())]
	},
	'wrong.trailingBytes': {
		hostile: true,
		weight: 2,
		make: (_, p) => [concat([3], p.bytes.length ? p.bytes : [0])]
	},

	// Sync step 1 with a malformed state vector: the server computes a diff from it.
	'syncStep1.badStateVector': {
		hostile: true,
		weight: 6,
		make: (ctx, p) => [syncMessage(0, badStateVector(ctx, p))]
	},

	// Updates: malformed, incomplete, forged, oversized, deeply nested.
	'update.truncated': {
		hostile: true,
		weight: 4,
		make: (ctx, p) => [Forge.updateMessage(truncate(ctx.forge.edit(editOf(p)), p.c))]
	},
	'update.bitflip': {
		hostile: true,
		weight: 5,
		make: (ctx, p) => [Forge.updateMessage(bitflip(ctx.forge.edit(editOf(p)), p))]
	},
	'update.oddTypes': {
		hostile: true,
		weight: 2,
		// Sub-documents, and the app's maps written as lists, text or XML.
		make: (ctx, p) => [Forge.updateMessage(ctx.forge.edit(editOf(p, ['subdoc', 'typeConfusion'])))]
	},
	'update.serverOnlyControl': {
		hostile: true,
		weight: 2,
		// Vote results and counts as a facilitator's client would fake them.
		make: (_, p) => [
			Forge.updateMessage(
				freshUpdate((doc) => doc.getMap(serverOnlyRoots[p.a % 3]).set(`k${p.b % 4}`, p.value))
			)
		]
	},
	'update.missingDependency': {
		hostile: true,
		weight: 4,
		make: (ctx, p) => [Forge.updateMessage(ctx.forge.missingDependency(editOf(p)))]
	},
	'update.foreignClient': {
		hostile: true,
		weight: 4,
		make: (ctx, p) => [Forge.updateMessage(ctx.forge.foreignClient(editOf(p), p.c))]
	},
	'update.deepValue': {
		hostile: true,
		weight: 4,
		make: (ctx, p) => {
			const roots = appRoots[ctx.forge.kind];
			const shape = p.a % 2 ? 'array' : 'object';
			return [Forge.updateMessage(ctx.forge.deepValue(roots[p.b % roots.length], p.depth, shape))];
		}
	},
	'update.deepTypes': {
		hostile: true,
		weight: 1,
		make: (ctx, p) => {
			const roots = appRoots[ctx.forge.kind];
			const depth = Math.min(p.depth, 4000);
			return [Forge.updateMessage(ctx.forge.deepTypes(roots[p.b % roots.length], depth))];
		}
	},
	'update.deleteById': {
		hostile: true,
		weight: 4,
		// Deletes what the forge created (maybe a deep tree), or ranges of anyone, of any length.
		make: (ctx, p) => [
			Forge.updateMessage(
				ctx.forge.deleteById(p.a, p.b % 4 ? 1 + (p.c % 50) : p.big, p.b % 3 === 0)
			)
		]
	},
	'update.oversizedString': {
		hostile: true,
		weight: 1,
		make: (ctx, p) => {
			const size = 64 * 1024 * (1 + (p.a % 32));
			const root = appRoots[ctx.forge.kind][0];
			return [
				Forge.updateMessage(freshUpdate((doc) => doc.getMap(root).set('big', 'x'.repeat(size))))
			];
		}
	},
	'update.manyItems': {
		hostile: true,
		weight: 1,
		make: (ctx, p) => [
			Forge.updateMessage(
				freshUpdate((doc) => {
					const list = doc.getArray('many');
					for (let i = 0; i < 1 + (p.a % 20_000); i += 1000)
						list.insert(
							0,
							Array.from({ length: 1000 }, (_, j) => i + j)
						);
				})
			)
		]
	},
	'update.v2AsV1': {
		hostile: true,
		weight: 2,
		make: (ctx, p) => {
			ctx.forge.edit(editOf(p));
			return [Forge.updateMessage(Y.encodeStateAsUpdateV2(ctx.forge.doc))];
		}
	},
	'update.empty': {
		hostile: true,
		weight: 1,
		make: (_, p) => [
			syncMessage(1 + (p.a % 2), p.a % 3 ? new Uint8Array([0, 0]) : new Uint8Array(0))
		]
	},

	// Presence.
	'awareness.manyIds': {
		hostile: true,
		weight: 3,
		make: (_, p) => {
			const count = p.a % 5 === 0 ? 1 + (p.b % 5000) : 2 + (p.b % 12);
			const entries = Array.from({ length: count }, (_, i) => ({
				id: (p.c + i * 7919) % 2 ** 32,
				clock: 1 + (p.a % 10),
				state: '{"user":{"name":"x"}}'
			}));
			return [awarenessMessage(awarenessPayload(entries))];
		}
	},
	'awareness.bigState': {
		hostile: true,
		weight: 2,
		make: (_, p) => [
			awarenessMessage(
				awarenessPayload([
					{ id: p.a, clock: 1, state: JSON.stringify({ s: 'x'.repeat(4000 + (p.b % 200_000)) }) }
				])
			)
		]
	},
	'awareness.badJson': {
		hostile: true,
		weight: 2,
		make: (_, p) => [
			awarenessMessage(awarenessPayload([{ id: p.a, clock: 1 + p.b, state: p.text || '{' }]))
		]
	},
	'awareness.deepJson': {
		hostile: true,
		weight: 2,
		make: (_, p) => {
			const depth = 1 + (p.depth % 3000);
			const state = '['.repeat(depth) + ']'.repeat(depth);
			return [awarenessMessage(awarenessPayload([{ id: p.a, clock: 1, state }]))];
		}
	},
	'awareness.othersIds': {
		hostile: true,
		weight: 3,
		// Removes or rewrites everyone else's presence (the server knows who owns which id).
		make: (ctx, p) => {
			const entries = [...ctx.forge.awareness.meta.entries()]
				.filter(([id]) => id !== ctx.forge.doc.clientID)
				.slice(0, 4)
				.map(([id, meta]) => ({
					id,
					clock: meta.clock + 1 + (p.a % 3),
					state: p.b % 2 ? 'null' : '{"user":{"name":"übernommen"}}'
				}));
			if (!entries.length) entries.push({ id: p.c, clock: p.big, state: 'null' });
			return [awarenessMessage(awarenessPayload(entries))];
		}
	},
	'awareness.hugeNumbers': {
		hostile: true,
		weight: 2,
		make: (_, p) => [awarenessMessage(awarenessPayload([{ id: p.big, clock: p.big, state: '{}' }]))]
	},
	'awareness.mutated': {
		hostile: true,
		weight: 3,
		make: (ctx, p) => [bitflip(ctx.forge.awarenessMessage(presenceState(p)), p)]
	},

	// Floods: more messages than the per-connection budget allows.
	flood: {
		hostile: true,
		weight: 1,
		make: (ctx, p) => {
			const one = p.a % 2 ? new Uint8Array([3]) : ctx.forge.awarenessMessage({ n: p.b });
			return Array.from({ length: 550 + (p.b % 300) }, () => one);
		}
	}
};

const names = Object.keys(attacks);

/** Classes switched off for the rest of a run (a crash they cause is already known). */
export function attackNames(hostile: boolean, suppressed: ReadonlySet<string>): string[] {
	return names.filter((name) => attacks[name].hostile === hostile && !suppressed.has(name));
}

const bigNumber = fc.oneof(
	fc.nat(),
	fc.constantFrom(2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 40),
	fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER })
);

export const params: fc.Arbitrary<Params> = fc.record({
	a: fc.nat(),
	b: fc.nat(),
	c: fc.nat(),
	big: bigNumber,
	bytes: fc.uint8Array({ maxLength: 48 }),
	value: fc.oneof(
		{ arbitrary: fc.string({ maxLength: 30 }), weight: 4 },
		{ arbitrary: fc.double(), weight: 2 },
		{ arbitrary: fc.constantFrom(true, false, null, 0, -1, ''), weight: 2 },
		{ arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 }
	),
	// Small (warms the decoder up, as a long-running server is), deep, and the band a warm process
	// still decodes but a fresh one cannot (about 4,400–5,500 levels of plain values on Node 20).
	depth: fc.oneof(
		{ arbitrary: fc.integer({ min: 1, max: 300 }), weight: 2 },
		{ arbitrary: fc.integer({ min: 2000, max: 9000 }), weight: 1 },
		{ arbitrary: fc.integer({ min: 4000, max: 6000 }), weight: 2 }
	),
	text: fc.string({ maxLength: 24, unit: 'binary' })
});

function weighted(list: string[]): fc.Arbitrary<string> {
	return fc.oneof(
		...list.map((name) => ({ arbitrary: fc.constant(name), weight: attacks[name].weight }))
	);
}

function plan(list: string[]): fc.Arbitrary<Plan> {
	return fc.record({ attack: weighted(list), p: params });
}

/** Benign plans are many and need no edge cases: a seed, expanded by `cheapParams`. */
function cheapPlan(list: string[]): fc.Arbitrary<Plan> {
	return fc.record({ attack: weighted(list), p: fc.nat() });
}

/** Params from a seed: for the many benign messages, where fast-check's bias adds nothing. */
function cheapParams(seed: number): Params {
	const next = seeded(seed);
	const a = next();
	const words = ['Kita', 'Spielplatz', 'Radweg', 'Bänke', 'Licht', '🌳', ''];
	return {
		a,
		b: next(),
		c: next(),
		big: next(),
		bytes: new Uint8Array(0),
		value: a % 3 ? words[a % words.length] : (a % 1000) / 7,
		depth: 1 + (a % 10),
		text: words[(a >>> 4) % words.length]
	};
}

/** Sessions: runs of benign messages, each run ended by at most one hostile message. */
export function sessionPlans(targets: number, suppressed: ReadonlySet<string>) {
	const hostile = attackNames(true, suppressed);
	const benign = attackNames(false, suppressed);
	return fc.record({
		target: fc.nat({ max: targets - 1 }),
		// Learning the room's content costs the fuzzer as much as the server: one session in four.
		synced: fc.nat(3).map((n) => n === 0),
		segments: fc.array(
			fc.record({
				benign: fc.array(cheapPlan(benign), { maxLength: 40 }),
				hostile: hostile.length ? fc.option(plan(hostile), { freq: 2 }) : fc.constant(null)
			}),
			{ minLength: 1, maxLength: 12 }
		)
	});
}

/** A deterministic batch of session plans: the same seed and batch number give the same plans. */
export function sampleSessions(
	seed: number,
	batch: number,
	count: number,
	targets: number,
	suppressed: ReadonlySet<string>
): SessionPlan[] {
	return fc.sample(sessionPlans(targets, suppressed), {
		seed: (seed + batch * 7919) | 0,
		numRuns: count
	});
}

function sampleParams(seed: number): Params {
	return fc.sample(params, { seed, numRuns: 1 })[0];
}

/** Turns a plan into the bytes to send; an attack that cannot be built here yields nothing. */
export function materialize(ctx: AttackContext, plan: Plan): Uint8Array[] {
	try {
		const p = typeof plan.p === 'number' ? cheapParams(plan.p) : plan.p;
		const messages = attacks[plan.attack].make(ctx, p);
		if (!attacks[plan.attack].hostile) for (const m of messages) ctx.pool.add(m);
		return messages;
	} catch {
		return [];
	}
}
