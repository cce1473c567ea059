import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { zukunftswerkstattTemplate } from '../domain/facilitation/phases';
import {
	defaultSettings,
	ensurePlan,
	readControl,
	readLocked,
	setDraftsWaiting,
	setFollowMe,
	setPlan,
	setTimer,
	setVote
} from './control';

test('an empty control document reads as "not started", idle, open and not anonymous', () => {
	expect(readControl(new Y.Doc())).toEqual({
		plan: null,
		timer: { status: 'idle' },
		settings: defaultSettings,
		locked: false,
		followMe: null,
		votes: {},
		voteResults: {},
		voteDone: {},
		draftsWaiting: 0
	});
});

test('the facilitator’s first visit sets the template; a second visit keeps the edited plan', () => {
	const doc = new Y.Doc();
	ensurePlan(doc, 'zukunftswerkstatt', 'de');
	const plan = readControl(doc).plan!;
	expect(plan.phases.map((p) => p.id)).toEqual([
		'vorbereitung',
		'kritik',
		'phantasie',
		'verwirklichung',
		'nachbereitung'
	]);
	setPlan(doc, { ...plan, phases: plan.phases.slice(1) });
	ensurePlan(doc, 'zukunftswerkstatt', 'de');
	expect(readControl(doc).plan?.phases).toHaveLength(4);
});

test('values a facilitator’s client got wrong are read as safe defaults, never thrown', () => {
	const doc = new Y.Doc();
	const control = doc.getMap('control');
	control.set('plan', { phases: 'nope', currentPhaseId: 3 });
	control.set('timer', { status: 'running', endsAt: 'soon', durationMs: 60_000 });
	control.set('settings', { anonymous: 'yes', privateWriting: 1 });
	control.set('locked', 'true');
	control.set('followMe', { phaseId: 'kritik', x: Infinity, y: 0, scale: 1 });
	doc
		.getMap('votes')
		.set('kritik', { roundId: 'r', items: ['a'], budgetPerPerson: 99, maxPerItem: 1 });
	doc.getMap('draftCounts').set('total', -4);
	expect(readControl(doc)).toEqual(readControl(new Y.Doc()));
});

test('a plan whose current phase does not exist is refused as a whole', () => {
	const doc = new Y.Doc();
	setPlan(doc, { ...zukunftswerkstattTemplate('de'), currentPhaseId: 'gibt-es-nicht' });
	expect(readControl(doc).plan).toBeNull();
});

test('follow-me is clamped', () => {
	const doc = new Y.Doc();
	setFollowMe(doc, { phaseId: 'kritik', x: 5e9, y: -5e9, scale: 50 });
	setTimer(doc, { status: 'paused', remainingMs: 30_000, durationMs: 60_000 });
	const state = readControl(doc);
	expect(state.followMe).toEqual({ phaseId: 'kritik', x: 1e6, y: -1e6, scale: 4 });
	expect(state.timer).toEqual({ status: 'paused', remainingMs: 30_000, durationMs: 60_000 });
});

test('the timer keeps the phase it was set for; without one it is read as before', () => {
	const doc = new Y.Doc();
	setTimer(doc, { status: 'running', endsAt: 5, durationMs: 60_000, phaseId: 'kritik' });
	expect(readControl(doc).timer).toEqual({
		status: 'running',
		endsAt: 5,
		durationMs: 60_000,
		phaseId: 'kritik'
	});
	doc
		.getMap('control')
		.set('timer', { status: 'running', endsAt: 5, durationMs: 60_000, phaseId: 7 });
	expect(readControl(doc).timer).toEqual({ status: 'running', endsAt: 5, durationMs: 60_000 });
});

test('waiting drafts are one total; the per-person counts of an older version go with it', () => {
	const doc = new Y.Doc();
	// As an older version wrote them: one count per participant, under a stable key.
	doc.getMap('draftCounts').set('4f1d0c2a9e7b6a51', 2);
	doc.getMap('draftCounts').set('b3c8e1f0a2d49c77', 3);
	expect(readControl(doc).draftsWaiting).toBe(5);
	setDraftsWaiting(doc, 4);
	expect(readControl(doc).draftsWaiting).toBe(4);
	expect([...doc.getMap('draftCounts').keys()]).toEqual(['total']);
	setDraftsWaiting(doc, 0);
	expect(readControl(doc).draftsWaiting).toBe(0);
});

test('an unchanged total writes nothing', () => {
	const doc = new Y.Doc();
	setDraftsWaiting(doc, 2);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	setDraftsWaiting(doc, 2);
	expect(updates).toEqual([]);
});

test('vote settings keep only unique, valid item ids', () => {
	const doc = new Y.Doc();
	setVote(doc, 'kritik', {
		roundId: 'r1',
		on: 'cards',
		items: ['a', 'a', '', 'b'],
		budgetPerPerson: 5,
		maxPerItem: 3,
		open: true,
		revealed: false
	});
	expect(readControl(doc).votes.kritik.items).toEqual(['a', 'b']);
});

test('whatever a peer writes into any entry, reading never throws and keeps its shape', () => {
	const anyJson = fc.jsonValue({ maxDepth: 3 });
	fc.assert(
		fc.property(
			fc.record({
				plan: anyJson,
				timer: anyJson,
				settings: anyJson,
				locked: anyJson,
				followMe: anyJson,
				vote: anyJson,
				results: anyJson
			}),
			(values) => {
				const doc = new Y.Doc();
				const control = doc.getMap('control');
				for (const key of ['plan', 'timer', 'settings', 'locked', 'followMe'] as const)
					control.set(key, values[key]);
				doc.getMap('votes').set('kritik', values.vote);
				doc.getMap('voteResults').set('kritik', values.results);
				const state = readControl(doc);
				expect(typeof state.locked).toBe('boolean');
				expect(readLocked(doc)).toBe(state.locked);
				expect(typeof state.settings.anonymous).toBe('boolean');
				expect(['idle', 'running', 'paused']).toContain(state.timer.status);
				expect(Number.isFinite(state.draftsWaiting)).toBe(true);
			}
		),
		{ numRuns: 500 }
	);
});
