import { expect, test } from 'vitest';
import { can, documentAccess, type Actor } from './roles';

const staff = (role: 'admin' | 'facilitator' | 'planner'): Actor => ({
	kind: 'staff',
	userId: 'u',
	name: 'N',
	role
});
const guest = (role: 'participant' | 'observer', workshopId = 'w1'): Actor => ({
	kind: 'guest',
	participantId: 'p',
	workshopId,
	displayName: null,
	role
});

test('only admins manage staff; planners view but do not run workshops; guests do neither', () => {
	expect(can(staff('admin'), 'staff.manage')).toBe(true);
	expect(can(staff('facilitator'), 'staff.manage')).toBe(false);
	expect(can(staff('facilitator'), 'workshop.manage')).toBe(true);
	expect(can(staff('planner'), 'workshop.manage')).toBe(false);
	expect(can(staff('planner'), 'workshop.view')).toBe(true);
	expect(can(guest('participant'), 'workshop.view')).toBe(false);
	expect(can(null, 'workshop.view')).toBe(false);
});

test('document access follows the table in DESIGN.md §5', () => {
	const rows: [Actor | null, string, string, 'write' | 'read' | null][] = [
		[staff('facilitator'), 'w1', 'content', 'write'],
		[staff('facilitator'), 'w1', 'control', 'write'],
		[staff('planner'), 'w1', 'content', 'read'],
		[staff('planner'), 'w1', 'control', 'read'],
		[guest('participant'), 'w1', 'content', 'write'],
		[guest('participant'), 'w1', 'control', 'read'],
		[guest('observer'), 'w1', 'content', 'read'],
		[guest('participant'), 'w2', 'content', null],
		[guest('participant'), 'w1', 'private', null],
		[null, 'w1', 'content', null]
	];
	for (const [actor, workshop, kind, expected] of rows) {
		expect(documentAccess(actor, workshop, kind), `${JSON.stringify(actor)} ${kind}`).toBe(
			expected
		);
	}
});

test('a private document is its participant’s alone; a closed workshop is read-only', () => {
	expect(documentAccess(guest('participant'), 'w1', 'private', { owner: 'p' })).toBe('write');
	expect(documentAccess(guest('participant'), 'w1', 'private', { owner: 'q' })).toBe(null);
	expect(documentAccess(guest('observer'), 'w1', 'private', { owner: 'p' })).toBe(null);
	expect(documentAccess(staff('facilitator'), 'w1', 'private', { owner: 'p' })).toBe(null);
	expect(documentAccess(staff('admin'), 'w1', 'private', { owner: 'p' })).toBe(null);
	expect(documentAccess(staff('facilitator'), 'w1', 'control', { closed: true })).toBe('read');
	expect(documentAccess(guest('participant'), 'w1', 'content', { closed: true })).toBe('read');
	expect(documentAccess(guest('participant'), 'w1', 'private', { owner: 'p', closed: true })).toBe(
		'read'
	);
});

test('planners and admins run the register and API tokens; facilitators may report progress', () => {
	for (const role of ['admin', 'planner'] as const) {
		expect(can(staff(role), 'planning.manage')).toBe(true);
		expect(can(staff(role), 'measures.report')).toBe(true);
		expect(can(staff(role), 'measures.api')).toBe(true);
	}
	expect(can(staff('facilitator'), 'planning.manage')).toBe(false);
	expect(can(staff('facilitator'), 'measures.report')).toBe(true);
	expect(can(staff('facilitator'), 'measures.api')).toBe(false);
	expect(can(guest('participant'), 'planning.view')).toBe(false);
	expect(can(null, 'measures.report')).toBe(false);
});
