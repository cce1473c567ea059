import { join } from 'node:path';
import { documentName, privateDocumentName } from '../../src/lib/collab/documents';
import type { Db } from '../../src/lib/server/db';
import type { Workshop } from '../../src/lib/server/workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../helpers/fixtures';
import { openSqliteStore, type TestStore } from '../helpers/stores';
import type { RoomKind } from './forge';

/**
 * The store the fuzzed server runs on, with real rows made through the app's own functions:
 * workshops, and signed-in people in every role, so attacks come from each of them.
 */
/**
 * The session cookie under both names the server may read (`__Host-` where the origin is secure,
 * as on the loopback address, the plain name elsewhere): it reads only the one for its origin.
 */
function sessionCookie(kind: 'staff' | 'guest', token: string): string {
	const name = kind === 'staff' ? 'qw_session' : 'qw_guest';
	return `__Host-${name}=${token}; ${name}=${token}`;
}

export type RoleName = 'facilitator' | 'planner' | 'participant' | 'observer';

export interface Actor {
	role: RoleName;
	cookie: string;
	/** Guests only: their participant id (owner of their private document). */
	participantId?: string;
}

export interface Room {
	name: string;
	kind: RoomKind;
	workshop: FuzzWorkshop;
}

export interface FuzzWorkshop {
	id: string;
	facilitator: Actor;
	planner: Actor;
	participants: Actor[];
	observer: Actor;
	/** Control first: a content room opens its workshop's control room when it loads. */
	rooms: Room[];
}

/** An attacker's connection: who, where, and whether the server should let them in. */
export interface Target {
	actor: Actor | null;
	/** A raw cookie header for anonymous or forged attempts. */
	cookie?: string;
	room: string;
	kind: RoomKind;
	access: 'write' | 'read' | 'none';
}

export interface World {
	store: TestStore;
	db: Db;
	dbPath: string;
	/** Receive live attacks from every role. */
	attacked: FuzzWorkshop[];
	/** Receive garbage written straight into the store between restarts. */
	stored: FuzzWorkshop[];
	/** An empty workshop whose content document the minimiser fills with suspect rows. */
	probe: FuzzWorkshop;
	/** Only honest clients: these must converge and be stored intact. */
	honest: FuzzWorkshop[];
	targets: Target[];
}

async function workshopWithPeople(
	db: Db,
	facilitatorUser: Awaited<ReturnType<typeof createStaff>>,
	planner: Actor,
	title: string
) {
	const workshop: Workshop = await createTestWorkshop(db, facilitatorUser, title);
	const facilitator: Actor = {
		role: 'facilitator',
		cookie: sessionCookie('staff', await staffSessionToken(db, facilitatorUser))
	};
	const participants: Actor[] = [];
	for (let i = 0; i < 2; i++) {
		const joined = await joinAsGuest(db, workshop, facilitatorUser, { name: `Teilnehmende ${i}` });
		participants.push({
			role: 'participant',
			cookie: sessionCookie('guest', joined.sessionToken),
			participantId: joined.participantId
		});
	}
	const observed = await joinAsGuest(db, workshop, facilitatorUser, { role: 'observer' });
	const observer: Actor = {
		role: 'observer',
		cookie: sessionCookie('guest', observed.sessionToken),
		participantId: observed.participantId
	};
	const result: FuzzWorkshop = {
		id: workshop.id,
		facilitator,
		planner,
		participants,
		observer,
		rooms: []
	};
	result.rooms = [
		{ name: documentName(workshop.id, 'control'), kind: 'control', workshop: result },
		{ name: documentName(workshop.id, 'content'), kind: 'content', workshop: result },
		...participants.map((p) => ({
			name: privateDocumentName(workshop.id, p.participantId!),
			kind: 'private' as const,
			workshop: result
		}))
	];
	return result;
}

/** What each role may do in each room (DESIGN.md §5), so the fuzzer knows what to expect. */
export function accessOf(actor: Actor, room: Room): Target['access'] {
	switch (room.kind) {
		case 'content':
			return actor.role === 'facilitator' || actor.role === 'participant' ? 'write' : 'read';
		case 'control':
			return actor.role === 'facilitator' ? 'write' : 'read';
		case 'private':
			return room.name.endsWith(`/${actor.participantId}`) && actor.role === 'participant'
				? 'write'
				: 'none';
	}
}

/** Someone who may read the room: for witnesses and load checks. */
export function readerOf(room: Room): Actor {
	if (room.kind === 'private')
		return room.workshop.participants.find((p) => room.name.endsWith(`/${p.participantId}`))!;
	return room.kind === 'control' ? room.workshop.facilitator : room.workshop.observer;
}

/** Every (actor, room) pair of the attacked workshops, the allowed ones weighted up. */
function targetsOf(attacked: FuzzWorkshop[]): Target[] {
	const targets: Target[] = [];
	for (const workshop of attacked) {
		const actors = [
			workshop.facilitator,
			workshop.planner,
			...workshop.participants,
			workshop.observer
		];
		for (const room of workshop.rooms) {
			for (const actor of actors) {
				const access = accessOf(actor, room);
				const copies = access === 'write' ? 6 : access === 'read' ? 3 : 1;
				for (let i = 0; i < copies; i++)
					targets.push({ actor, room: room.name, kind: room.kind, access });
			}
		}
	}
	// Guests of one workshop at another's rooms, nobody, a forged cookie, names that are no rooms.
	const [first, second] = attacked;
	if (second) {
		targets.push({
			actor: second.participants[0],
			room: first.rooms[1].name,
			kind: 'content',
			access: 'none'
		});
	}
	targets.push({ actor: null, room: first.rooms[1].name, kind: 'content', access: 'none' });
	targets.push({
		actor: null,
		cookie: `${sessionCookie('guest', 'A'.repeat(43))}; qw_session=%%; __Host-qw_session=%E0%A4%A`,
		room: first.rooms[0].name,
		kind: 'control',
		access: 'none'
	});
	for (const name of [`${first.id}/unknown`, `${first.id}/private/`, '../../etc/passwd'])
		targets.push({ actor: first.facilitator, room: name, kind: 'content', access: 'none' });
	// An encoded slash: the server decodes the path, so this is the content room after all.
	targets.push({
		actor: first.facilitator,
		room: `${first.id}%2Fcontent`,
		kind: 'content',
		access: 'write'
	});
	return targets;
}

export async function createWorld(
	dir: string,
	sizes = { attacked: 2, stored: 2, honest: 2 }
): Promise<World> {
	const store = await openSqliteStore(dir);
	const { db } = store;
	// The first account is the admin, who invites the others.
	await createStaff(db, 'admin');
	const facilitatorUser = await createStaff(db, 'facilitator');
	const plannerUser = await createStaff(db, 'planner');
	const planner: Actor = {
		role: 'planner',
		cookie: sessionCookie('staff', await staffSessionToken(db, plannerUser))
	};
	const make = async (label: string, count: number) => {
		const list: FuzzWorkshop[] = [];
		for (let i = 0; i < count; i++)
			list.push(await workshopWithPeople(db, facilitatorUser, planner, `${label} ${i + 1}`));
		return list;
	};
	const attacked = await make('Angriff', sizes.attacked);
	const stored = await make('Speicher', sizes.stored);
	const [probe] = await make('Sonde', 1);
	const honest = await make('Ehrlich', sizes.honest);
	return {
		store,
		db,
		dbPath: join(dir, 'store.sqlite'),
		attacked,
		stored,
		probe,
		honest,
		targets: targetsOf(attacked)
	};
}
