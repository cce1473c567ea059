import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addAgendaItem,
	minutesField,
	readAgenda,
	readRoundTable,
	removeAgendaItem,
	updateAgendaItem
} from '../../boards/agenda/agenda-doc';
import { closeCodes } from '../../collab/documents';
import {
	parseActionInput,
	parseDecisionInput,
	parseMemberInput,
	parseSeriesInput
} from '../../domain/round-table/round-table';
import type { User } from '../accounts';
import { readArchive } from '../archive/archive-entry';
import { closeWorkshop } from '../close-workshop';
import type { Workshop } from '../workshops';
import { createStaff, joinAsGuest, staffSessionToken } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { connectClient, eventually, startSyncServer } from '../../../../tests/helpers/sync';
import {
	actionToMeasure,
	addAction,
	addDecision,
	listActions,
	listDecisions,
	MinutesApproved,
	setActionStatus,
	setDecisionLinks,
	setMinutesStatus
} from './records';
import { carryOver, reviewItemTitle } from './carry-over';
import {
	addMember,
	contentOf,
	controlOf,
	createMeeting,
	createSeries,
	listMeetings,
	listMembers,
	removeMember,
	listAttendance,
	setAttendance,
	type Meeting
} from './series';

function must<T>(parsed: { ok: true; value: T } | { ok: false; error: unknown }): T {
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
	return parsed.value;
}

describe('Runder Tisch input', () => {
	test('an action item without an owner is refused, naming the owner field', () => {
		expect(parseActionInput({ title: 'Flyer drucken', owner: '  ' })).toEqual({
			ok: false,
			error: { field: 'owner', key: 'rt.error.ownerMissing', params: undefined }
		});
		expect(parseActionInput({ title: 'Flyer', owner: 'Kita Sonnenschein' }).ok).toBe(true);
	});

	test('a decision without a date is refused, naming the date field', () => {
		const parsed = parseDecisionInput({ text: 'Wir beantragen Mittel', consensus: 'on' });
		expect(parsed.ok === false && parsed.error.field).toBe('decidedOn');
		expect(parsed.ok === false && parsed.error.key).toBe('rt.error.dateMissing');
	});

	test('votes are written out as counts or as consensus', () => {
		expect(
			must(
				parseDecisionInput({ text: 'A', decidedOn: '2026-03-01', yes: '17', no: '3', abstain: '1' })
			).vote
		).toBe('Ja 17, Nein 3, Enthaltungen 1');
		expect(
			must(parseDecisionInput({ text: 'A', decidedOn: '2026-03-01', consensus: 'on' })).vote
		).toBe('einvernehmlich');
		const bad = parseDecisionInput({ text: 'A', decidedOn: '2026-03-01', yes: 'viele' });
		expect(bad.ok === false && bad.error.field).toBe('yes');
	});

	test('a member needs an organisation or a person', () => {
		const bad = parseMemberInput({ role: 'Vorsitz' });
		expect(bad.ok === false && bad.error.field).toBe('organisation');
		expect(must(parseMemberInput({ person: 'Frau Demir', role: 'Vorsitz' })).person).toBe(
			'Frau Demir'
		);
	});
});

describeEachStore('Runder Tisch', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let staff: User;
	const clients: { destroy(): void }[] = [];

	beforeEach(async () => {
		store = await open();
		staff = await createStaff(store.db, 'facilitator');
		server = await startSyncServer(store.db);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		try {
			await server.stop();
		} finally {
			await store.dispose();
		}
	});

	async function series() {
		return createSeries(
			store.db,
			must(parseSeriesInput({ title: 'Runder Tisch Kiezschule', theme: 'Übergang Kita–Schule' })),
			staff.id
		);
	}

	async function meeting(seriesId: string, meetsOn: string): Promise<Meeting> {
		return must(await createMeeting(server.services, seriesId, { meetsOn }, staff.id));
	}

	function client(name: string, cookie: string) {
		const c = connectClient(server.url, name, cookie, { ack: true });
		clients.push(c);
		return c;
	}

	test('a series keeps its member list; removed members leave it', async () => {
		const s = await series();
		const a = await addMember(
			store.db,
			s.id,
			must(parseMemberInput({ organisation: 'Kita Sonnenschein', role: 'Mitglied' }))
		);
		await addMember(
			store.db,
			s.id,
			must(
				parseMemberInput({ person: 'Frau Demir', organisation: 'Schule am Park', role: 'Vorsitz' })
			)
		);
		expect((await listMembers(store.db, s.id)).map((m) => m.organisation)).toEqual([
			'Kita Sonnenschein',
			'Schule am Park'
		]);
		expect(await removeMember(store.db, s.id, a.id)).toBe(true);
		expect((await listMembers(store.db, s.id)).map((m) => m.person)).toEqual(['Frau Demir']);
	});

	test('a meeting scheduled before the previous one is refused, naming the date, and nothing is stored', async () => {
		const s = await series();
		await meeting(s.id, '2026-03-10');
		const refused = await createMeeting(server.services, s.id, { meetsOn: '2026-03-01' }, staff.id);
		expect(refused).toEqual({
			ok: false,
			error: {
				field: 'meetsOn',
				key: 'rt.error.meetingBeforePrevious',
				params: { date: '10.03.2026' }
			}
		});
		const missing = await createMeeting(server.services, s.id, { meetsOn: '' }, staff.id);
		expect(missing.ok === false && missing.error.key).toBe('rt.error.dateMissing');
		expect((await listMeetings(store.db, s.id)).map((m) => m.meetsOn)).toEqual(['2026-03-10']);
		const count = await store.db.get<{ n: number }>(
			"SELECT COUNT(*) AS n FROM workshops WHERE format = 'runderTisch'"
		);
		expect(Number(count?.n)).toBe(1);
	});

	test('decisions are numbered 1, 2, 3 … per series, also under concurrent requests', async () => {
		const s = await series();
		const other = await series();
		const m = await meeting(s.id, '2026-03-10');
		const o = await meeting(other.id, '2026-03-10');
		const input = (n: number) =>
			must(
				parseDecisionInput({ text: `Beschluss ${n}`, decidedOn: '2026-03-10', consensus: 'on' })
			);
		const made = await Promise.all(
			Array.from({ length: 8 }, (_, n) => addDecision(server.services, m.id, input(n), staff.id))
		);
		expect(made.map((d) => d.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect((await addDecision(server.services, o.id, input(0), staff.id)).number).toBe(1);
		expect((await listDecisions(store.db, s.id)).map((d) => d.number)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8
		]);
		// The meeting shows them live: the server wrote them into its control document.
		const shown = await server.services.documents.read(controlOf(m.id), readRoundTable);
		expect(shown.decisions).toHaveLength(8);
	});

	test('open action items and unfinished agenda items carry over to the next meeting, marked', async () => {
		const s = await series();
		const first = await meeting(s.id, '2026-03-10');
		await server.services.documents.change(contentOf(first.id), (doc) => {
			addAgendaItem(doc, 'a1', { title: 'Schulweg', timebox: 20 });
			addAgendaItem(doc, 'a2', { title: 'Sommerfest' });
			updateAgendaItem(doc, 'a2', { done: true });
		});
		const open = await addAction(
			server.services,
			first.id,
			must(
				parseActionInput({ title: 'Ampel beantragen', owner: 'Bezirksamt', dueOn: '2026-04-01' })
			)
		);
		const done = await addAction(
			server.services,
			first.id,
			must(parseActionInput({ title: 'Raum buchen', owner: 'Kita' }))
		);
		await setActionStatus(server.services, first.id, done, 'done');

		const second = await meeting(s.id, '2026-04-14');
		const agenda = await server.services.documents.read(contentOf(second.id), readAgenda);
		expect(agenda.map((i) => [i.title, i.carriedFrom])).toEqual([
			[reviewItemTitle, null],
			['Schulweg', '2026-03-10']
		]);
		expect(agenda[1].timebox).toBe(20);
		const shown = await server.services.documents.read(controlOf(second.id), readRoundTable);
		expect(shown.actions.map((a) => [a.title, a.carried, a.fromMeeting])).toEqual([
			['Ampel beantragen', true, '2026-03-10']
		]);
		expect(shown.meetsOn).toBe('2026-04-14');
		// Across meetings, filterable by status and owner.
		expect((await listActions(store.db, s.id, { status: 'open' })).map((a) => a.id)).toEqual([
			open
		]);
		expect((await listActions(store.db, s.id, { owner: 'Kita' })).map((a) => a.id)).toEqual([done]);
	});

	test('an action item becomes a measure with its origin, once', async () => {
		const s = await series();
		const m = await meeting(s.id, '2026-03-10');
		const id = await addAction(
			server.services,
			m.id,
			must(
				parseActionInput({ title: 'Spielstraße prüfen', owner: 'Straßenamt', dueOn: '2026-06-30' })
			)
		);
		const measureId = await actionToMeasure(store.db, s.id, id, staff.id);
		expect(measureId).toBeTruthy();
		expect(await actionToMeasure(store.db, s.id, id, staff.id)).toBe(measureId);
		const row = await store.db.get<{
			title: string;
			responsible: string;
			due_on: string;
			origin_workshop_id: string;
		}>('SELECT title, responsible, due_on, origin_workshop_id FROM measures WHERE id = ?', [
			measureId!
		]);
		expect(row).toEqual({
			title: 'Spielstraße prüfen',
			responsible: 'Straßenamt',
			due_on: '2026-06-30',
			origin_workshop_id: m.id
		});
	});

	test('minutes go draft → circulated → approved at the next meeting; then the sync server refuses edits', async () => {
		const s = await series();
		const first = await meeting(s.id, '2026-03-10');
		const facilitator = `__Host-qw_session=${await staffSessionToken(store.db, staff)}`;
		const guest = await joinAsGuest(store.db, { id: first.id } as Workshop, staff, {
			name: 'Mitglied'
		});
		const member = `__Host-qw_guest=${guest.sessionToken}`;

		const writer = client(contentOf(first.id), member);
		await writer.synced();
		addAgendaItem(writer.doc, 'i1', { title: 'Schulweg' });
		writer.doc.getXmlFragment(minutesField('i1')).insert(0, [new Y.XmlText('Entwurf')]);
		await eventually(() => expect(writer.storedClock()).toBe(writer.ownClock()));

		// Skipping a step is refused; approving without a next meeting too.
		expect((await setMinutesStatus(server.services, first.id, 'approved', staff.id)).ok).toBe(
			false
		);
		must(await setMinutesStatus(server.services, first.id, 'circulated', staff.id));
		// Circulated minutes are amended by members.
		writer.doc.getXmlFragment(minutesField('i1')).insert(1, [new Y.XmlText(' – ergänzt')]);
		await eventually(() => expect(writer.storedClock()).toBe(writer.ownClock()));
		const early = await setMinutesStatus(server.services, first.id, 'approved', staff.id);
		expect(early.ok === false && early.error.key).toBe('rt.error.minutesNoNextMeeting');
		await meeting(s.id, '2026-04-14');
		must(await setMinutesStatus(server.services, first.id, 'approved', staff.id));
		const watcher = client(controlOf(first.id), member);
		await eventually(() => expect(readRoundTable(watcher.doc).minutes).toBe('approved'));

		// A client that ignores the read-only state (a modified client) is refused and closed.
		server.expectErrors(/minutes approved/);
		const before = await server.services.documents.read(contentOf(first.id), (doc) =>
			doc.getXmlFragment(minutesField('i1')).toString()
		);
		writer.doc.getXmlFragment(minutesField('i1')).insert(0, [new Y.XmlText('Fälschung ')]);
		await eventually(() => expect(writer.closes).toContain(closeCodes.forbidden));
		const after = await server.services.documents.read(contentOf(first.id), (doc) =>
			doc.getXmlFragment(minutesField('i1')).toString()
		);
		expect(after).toBe(before);
		expect(after).toContain('ergänzt');

		// The facilitator cannot write the server's part of the control document either.
		const host = client(controlOf(first.id), facilitator);
		await host.synced();
		host.doc.getMap('roundTable').set('minutes', 'draft');
		await eventually(() => expect(host.closes).toContain(closeCodes.forbidden));
		expect(
			(await server.services.documents.read(controlOf(first.id), readRoundTable)).minutes
		).toBe('approved');
		// Nor are decisions or action items added to an approved meeting.
		await expect(
			addAction(server.services, first.id, must(parseActionInput({ title: 'x', owner: 'y' })))
		).rejects.toBeInstanceOf(MinutesApproved);
	});

	test('the minutes, decisions and action items are archived with the documentation', async () => {
		const s = await series();
		const m = await meeting(s.id, '2026-03-10');
		await server.services.documents.change(contentOf(m.id), (doc) => {
			addAgendaItem(doc, 'a1', { title: 'Schulweg' });
			doc.getXmlFragment(minutesField('a1')).insert(0, [new Y.XmlElement('paragraph')]);
			(doc.getXmlFragment(minutesField('a1')).get(0) as Y.XmlElement).insert(0, [
				new Y.XmlText('Elterntaxis blockieren die Einfahrt.')
			]);
		});
		await addDecision(
			server.services,
			m.id,
			must(
				parseDecisionInput({
					text: 'Schulstraße beantragen',
					decidedOn: '2026-03-10',
					yes: '17',
					no: '3',
					abstain: '1'
				})
			),
			staff.id
		);
		await addAction(
			server.services,
			m.id,
			must(parseActionInput({ title: 'Zählung', owner: 'Bezirksamt', dueOn: '2026-04-01' }))
		);
		const closed = await closeWorkshop(server.services, m.id, {
			kind: 'staff',
			userId: staff.id,
			name: staff.name,
			role: 'facilitator'
		});
		expect(closed.ok).toBe(true);
		const archived = await readArchive(store.db, m.id);
		const minutes = archived!.export.phases.find((p) => p.id === 'protokoll');
		expect(minutes?.text?.map((b) => b.text)).toEqual([
			'Sitzung vom 10.03.2026. Stand des Protokolls: Entwurf.',
			'TOP 1: Schulweg',
			'Elterntaxis blockieren die Einfahrt.',
			'Beschlüsse',
			'Nr. 1 vom 10.03.2026 (Ja 17, Nein 3, Enthaltungen 1): Schulstraße beantragen',
			'Aufgaben',
			'Zählung – Bezirksamt, bis 01.04.2026 (offen)'
		]);
	});

	test('attendance is recorded per meeting, for members of the series only', async () => {
		const s = await series();
		const other = await series();
		const m = await meeting(s.id, '2026-03-10');
		const a = await addMember(store.db, s.id, must(parseMemberInput({ organisation: 'Kita' })));
		const b = await addMember(store.db, s.id, must(parseMemberInput({ person: 'Herr Kaya' })));
		const stranger = await addMember(store.db, other.id, must(parseMemberInput({ person: 'X' })));
		expect(await setAttendance(store.db, m.id, a.id, true)).toBe(true);
		expect(await setAttendance(store.db, m.id, b.id, false)).toBe(true);
		expect(await setAttendance(store.db, m.id, stranger.id, true)).toBe(false);
		expect([...(await listAttendance(store.db, m.id))]).toEqual([a.id]);
		expect(await setAttendance(store.db, m.id, a.id, false)).toBe(true);
		expect([...(await listAttendance(store.db, m.id))]).toEqual([]);
	});

	test('a decision is linked to goals and districts; unknown ones are left out', async () => {
		const s = await series();
		const m = await meeting(s.id, '2026-03-10');
		const d = await addDecision(
			server.services,
			m.id,
			must(parseDecisionInput({ text: 'A', decidedOn: '2026-03-10', consensus: 'on' })),
			staff.id
		);
		await store.db.run(
			`INSERT INTO districts (id, code, level, name, geometry, bbox, created_at) VALUES ('d1', '0101', 'planungsraum', 'Kiez', '{}', '[]', 0)`
		);
		await store.db.run(
			`INSERT INTO goals (id, title, level, status, created_at, updated_at) VALUES ('g1', 'Sichere Schulwege', 'operative', 'active', 0, 0)`
		);
		expect(
			await setDecisionLinks(store.db, s.id, d.id, {
				goalIds: ['g1', 'gone'],
				districts: [
					{ level: 'planungsraum', code: '0101' },
					{ level: 'planungsraum', code: '9999' }
				]
			})
		).toBe(true);
		const [linked] = await listDecisions(store.db, s.id);
		expect(linked.goalIds).toEqual(['g1']);
		expect(linked.districts).toEqual([{ level: 'planungsraum', code: '0101' }]);
		// Another series' decision is not reached through this one.
		const other = await series();
		expect(await setDecisionLinks(store.db, other.id, d.id, { goalIds: [], districts: [] })).toBe(
			false
		);
	});

	test('members add and edit agenda items; only the facilitation removes one', async () => {
		const s = await series();
		const m = await meeting(s.id, '2026-03-10');
		const guest = await joinAsGuest(store.db, { id: m.id } as Workshop, staff, { name: 'M' });
		const writer = client(contentOf(m.id), `__Host-qw_guest=${guest.sessionToken}`);
		await writer.synced();
		addAgendaItem(writer.doc, 'x1', { title: 'Spielplatz' });
		updateAgendaItem(writer.doc, 'x1', { title: 'Spielplatz am Park', timebox: 15 });
		await eventually(() => expect(writer.storedClock()).toBe(writer.ownClock()));
		server.expectErrors(/only the facilitation removes agenda items/);
		removeAgendaItem(writer.doc, 'x1');
		await eventually(() => expect(writer.closes).toContain(closeCodes.forbidden));
		const kept = await server.services.documents.read(contentOf(m.id), readAgenda);
		expect(kept.map((i) => [i.title, i.timebox])).toEqual([['Spielplatz am Park', 15]]);
		const facilitator = `__Host-qw_session=${await staffSessionToken(store.db, staff)}`;
		const host = client(contentOf(m.id), facilitator);
		await host.synced();
		removeAgendaItem(host.doc, 'x1');
		await eventually(async () =>
			expect(await server.services.documents.read(contentOf(m.id), readAgenda)).toEqual([])
		);
	});

	test('carrying over again adds what is new and never doubles an item', async () => {
		const s = await series();
		const first = await meeting(s.id, '2026-03-10');
		await server.services.documents.change(contentOf(first.id), (doc) =>
			addAgendaItem(doc, 'a1', { title: 'Schulweg' })
		);
		const second = await meeting(s.id, '2026-04-14');
		// The first meeting goes on after the second was planned.
		await server.services.documents.change(contentOf(first.id), (doc) =>
			addAgendaItem(doc, 'a2', { title: 'Spielplatz' })
		);
		expect(await carryOver(server.services, first, second)).toBe(1);
		expect(await carryOver(server.services, first, second)).toBe(0);
		const agenda = await server.services.documents.read(contentOf(second.id), readAgenda);
		expect(agenda.map((i) => i.title)).toEqual([reviewItemTitle, 'Schulweg', 'Spielplatz']);
	});
});
