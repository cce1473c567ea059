import { afterEach, beforeEach, expect, test } from 'vitest';
import { addCard } from '../../collab/wall';
import { documentName } from '../../collab/documents';
import { readInventoryVersion } from '../../boards/inventory/inventory-doc';
import { checkEntryInput, type EntryInput } from '../../domain/inventory/entry';
import { writerKey } from '../../domain/roles';
import type { User } from '../accounts';
import { closeWorkshop } from '../close-workshop';
import { setWorkshopLinks } from '../workshop-links';
import { createWorkshop, type Workshop } from '../workshops';
import {
	createStaff,
	createTestWorkshop,
	joinAsGuest,
	staffSessionToken
} from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { connectClient, eventually, startSyncServer } from '../../../../tests/helpers/sync';
import { loadDistrictInventory } from './district';
import { changeLiveEntry, loadInventoryBoard } from './live';
import { linkNeed, loadNeeds } from './needs';
import { importInventoryCsv, resolveDistrict } from './planner';
import {
	addInventoryEntry,
	deleteInventoryEntry,
	getInventoryEntry,
	listInventory,
	updateInventoryEntry
} from './store';

const level = 'planungsraum';
const square = (x: number, y: number) =>
	JSON.stringify({
		type: 'Polygon',
		coordinates: [
			[
				[x, y],
				[x + 0.01, y],
				[x + 0.01, y + 0.01],
				[x, y + 0.01],
				[x, y]
			]
		]
	});

function entry(fields: Record<string, unknown>): EntryInput {
	const checked = checkEntryInput(fields);
	if (!checked.ok) throw new Error(JSON.stringify(checked.error));
	return checked.value;
}

describeEachStore('inventory of services', (open) => {
	let store: TestStore;
	let server: Awaited<ReturnType<typeof startSyncServer>>;
	let facilitator: User;
	let planner: User;
	const clients: { destroy(): void }[] = [];

	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		facilitator = await createStaff(store.db, 'facilitator');
		planner = await createStaff(store.db, 'planner');
		server = await startSyncServer(store.db);
		for (const [code, name, x] of [
			['01011101', 'Stülerstraße', 13.35],
			['01011102', 'Großer Tiergarten', 13.36],
			['08010117', 'Alt-Moabit', 13.37]
		] as const)
			await store.db.run(
				`INSERT INTO districts (id, code, level, name, geometry, bbox, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`,
				[code, code, level, name, square(x, 52.5), JSON.stringify([x, 52.5, x + 0.01, 52.51]), 1]
			);
	});

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		try {
			await server.stop();
		} finally {
			await store.dispose();
		}
	});

	const stuelerstrasse = { level, code: '01011101' };

	async function conference(): Promise<Workshop> {
		const workshop = await createWorkshop(
			store.db,
			{
				title: 'Sozialraumkonferenz Moabit',
				startsOn: '2026-12-01',
				description: '',
				format: 'sozialraumkonferenz'
			},
			facilitator.id
		);
		const linked = await setWorkshopLinks(store.db, workshop.id, {
			districts: [stuelerstrasse],
			goalIds: []
		});
		expect(linked.ok).toBe(true);
		return workshop;
	}

	test('adds, lists, changes and deletes entries per district', async () => {
		const added = await addInventoryEntry(
			store.db,
			stuelerstrasse,
			entry({ name: 'Familienzentrum', provider: 'AWO', lon: '13,355', lat: '52,505' })
		);
		await addInventoryEntry(store.db, { level, code: '01011102' }, entry({ name: 'Jugendclub' }));
		expect((await listInventory(store.db, [stuelerstrasse])).map((e) => e.name)).toEqual([
			'Familienzentrum'
		]);
		expect(added).toMatchObject({ provider: 'AWO', lon: 13.355, lat: 52.505, workshopId: null });
		expect(
			await updateInventoryEntry(
				store.db,
				added.id,
				entry({ name: 'Familienzentrum Nord', kind: 'formell' })
			)
		).toBe(true);
		expect(await getInventoryEntry(store.db, added.id)).toMatchObject({
			name: 'Familienzentrum Nord',
			kind: 'formal',
			provider: '',
			lon: null
		});
		expect(await deleteInventoryEntry(store.db, added.id)).toBe(true);
		expect(await listInventory(store.db, [stuelerstrasse])).toEqual([]);
	});

	test('imports a good CSV with German headers and names for districts', async () => {
		const district = (await resolveDistrict(store.db, '01011101', null))!;
		const csv =
			'Name des Angebots;Träger / Anbieter;Zielgruppen;Sozialraum (Name oder Schlüssel)\n' +
			'Kita Sonnenschein;Kita-Eigenbetrieb;Kinder;Stülerstraße\n' +
			'Seniorentreff;;Ältere Menschen;ALT-MOABIT\n' +
			'Spielplatz;Bezirksamt;Kinder;\n';
		const outcome = await importInventoryCsv(store.db, district, new TextEncoder().encode(csv));
		expect(outcome).toEqual({ ok: true, imported: 3, warnings: [] });
		expect((await listInventory(store.db, [stuelerstrasse])).map((e) => e.name)).toEqual([
			'Kita Sonnenschein',
			'Spielplatz'
		]);
		expect(
			(await listInventory(store.db, [{ level, code: '08010117' }])).map((e) => e.name)
		).toEqual(['Seniorentreff']);
	});

	test('refuses a dirty CSV as a whole: unknown districts and an empty name, each row named, nothing stored', async () => {
		const district = (await resolveDistrict(store.db, '01011101', null))!;
		const csv =
			'Name,Sozialraum\nKita Sonnenschein,Stülerstraße\nSpielplatz,Atlantis\n,Alt-Moabit\nTafel,Gotham\n';
		const outcome = await importInventoryCsv(store.db, district, new TextEncoder().encode(csv));
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.problems.map((p) => [p.line, p.key])).toEqual([
			[3, 'inventory.csv.districtUnknown'],
			[4, 'inventory.error.nameMissing'],
			[5, 'inventory.csv.districtUnknown']
		]);
		expect(await listInventory(store.db, [stuelerstrasse, { level, code: '08010117' }])).toEqual(
			[]
		);
	});

	test('participants add live and change only their own entries; the counter tells every board', async () => {
		const workshop = await conference();
		const plannerEntry = await addInventoryEntry(
			store.db,
			stuelerstrasse,
			entry({ name: 'Stadtteilbibliothek' })
		);
		const anna = await joinAsGuest(store.db, workshop, facilitator, { name: 'Anna' });
		const ben = await joinAsGuest(store.db, workshop, facilitator, { name: 'Ben' });
		const annaAsks = {
			writer: writerKey({ kind: 'guest', participantId: anna.participantId }),
			moderator: false
		};
		const benAsks = {
			writer: writerKey({ kind: 'guest', participantId: ben.participantId }),
			moderator: false
		};
		const watcher = connectClient(
			server.url,
			documentName(workshop.id, 'control'),
			`__Host-qw_guest=${anna.sessionToken}`
		);
		clients.push(watcher);
		await watcher.synced();

		const refused = await changeLiveEntry(server.services, workshop.id, annaAsks, {
			action: 'add',
			fields: { name: '  ', provider: 'Nachbarn' }
		});
		expect(refused).toMatchObject({
			ok: false,
			status: 400,
			error: { field: 'name', key: 'inventory.error.nameMissing' }
		});

		const added = await changeLiveEntry(server.services, workshop.id, annaAsks, {
			action: 'add',
			fields: { name: 'Kiezcafé', kind: 'informell', lon: '13,355', lat: '52,505' }
		});
		expect(added.ok).toBe(true);
		const id = added.ok ? added.entry!.id : '';
		await eventually(() => expect(readInventoryVersion(watcher.doc)).toBe(1));

		const board = await loadInventoryBoard(store.db, workshop.id, benAsks);
		expect(board.entries.map((e) => [e.name, e.mine, e.addedHere])).toEqual([
			['Kiezcafé', false, true],
			['Stadtteilbibliothek', false, false]
		]);
		expect(board.map?.points.map((p) => p.id)).toEqual([id]);
		expect(JSON.stringify(board)).not.toContain(anna.participantId);

		expect(
			await changeLiveEntry(server.services, workshop.id, benAsks, {
				action: 'edit',
				id,
				fields: { name: 'Meins' }
			})
		).toMatchObject({ ok: false, status: 403, error: { key: 'inventory.error.notYours' } });
		expect(
			await changeLiveEntry(server.services, workshop.id, benAsks, {
				action: 'delete',
				id,
				fields: {}
			})
		).toMatchObject({ ok: false, status: 403 });
		expect(
			await changeLiveEntry(server.services, workshop.id, annaAsks, {
				action: 'delete',
				id: plannerEntry.id,
				fields: {}
			})
		).toMatchObject({ ok: false, status: 403 });
		expect(
			await changeLiveEntry(server.services, workshop.id, annaAsks, {
				action: 'edit',
				id,
				fields: { name: 'Kiezcafé am Markt' }
			})
		).toMatchObject({ ok: true });
		expect((await getInventoryEntry(store.db, id))?.name).toBe('Kiezcafé am Markt');
		expect((await getInventoryEntry(store.db, plannerEntry.id))?.name).toBe('Stadtteilbibliothek');
		// The facilitator runs the room and may tidy any entry.
		const facilitates = {
			writer: writerKey({ kind: 'staff', userId: facilitator.id }),
			moderator: true
		};
		expect(
			await changeLiveEntry(server.services, workshop.id, facilitates, {
				action: 'edit',
				id: plannerEntry.id,
				fields: { name: 'Stadtteilbibliothek Moabit' }
			})
		).toMatchObject({ ok: true });
		await eventually(() => expect(readInventoryVersion(watcher.doc)).toBe(3));
	});

	test('entries added in a conference stay with the district after it closes, for the next one', async () => {
		const workshop = await conference();
		const anna = await joinAsGuest(store.db, workshop, facilitator, { name: 'Anna' });
		const annaAsks = {
			writer: writerKey({ kind: 'guest', participantId: anna.participantId }),
			moderator: false
		};
		await changeLiveEntry(server.services, workshop.id, annaAsks, {
			action: 'add',
			fields: { name: 'Mietertreff' }
		});
		const closed = await closeWorkshop(server.services, workshop.id, {
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		});
		expect(closed.ok).toBe(true);
		const next = await conference();
		const board = await loadInventoryBoard(store.db, next.id, {
			writer: writerKey({ kind: 'staff', userId: planner.id }),
			moderator: false
		});
		expect(board.entries.map((e) => [e.name, e.addedHere, e.mine])).toEqual([
			['Mietertreff', false, false]
		]);
	});

	test('a need marked not covered is a Versorgungslücke of the district; a covered one is not', async () => {
		const workshop = await conference();
		const covering = await addInventoryEntry(
			store.db,
			stuelerstrasse,
			entry({ name: 'Familienzentrum' })
		);
		const elsewhere = await addInventoryEntry(
			store.db,
			{ level, code: '08010117' },
			entry({ name: 'Anderswo' })
		);
		let gapCard = '';
		let coveredCard = '';
		await server.services.documents.change(documentName(workshop.id, 'content'), (doc) => {
			gapCard = addCard(doc, {
				text: 'Ein Treffpunkt für Jugendliche am Abend',
				x: 0,
				y: 0,
				colour: 'yellow'
			});
			coveredCard = addCard(doc, { text: 'Beratung für Familien', x: 0, y: 0, colour: 'yellow' });
		});
		expect(
			await linkNeed(server.services, workshop.id, {
				cardId: gapCard,
				targetGroups: 'Jugendliche',
				coverage: 'none'
			})
		).toEqual({ ok: true });
		expect(
			await linkNeed(server.services, workshop.id, {
				cardId: coveredCard,
				targetGroups: 'Familien',
				coverage: covering.id
			})
		).toEqual({ ok: true });
		expect(
			await linkNeed(server.services, workshop.id, {
				cardId: coveredCard,
				targetGroups: '',
				coverage: elsewhere.id
			})
		).toEqual({ ok: false, status: 404, key: 'inventory.need.entryGone' });
		expect(
			await linkNeed(server.services, workshop.id, {
				cardId: 'nosuchcard',
				targetGroups: '',
				coverage: 'none'
			})
		).toEqual({ ok: false, status: 404, key: 'inventory.need.cardGone' });

		const needs = await loadNeeds(store.db, workshop.id);
		expect(needs.links.map((l) => [l.cardText, l.covered, l.entryId])).toEqual([
			['Ein Treffpunkt für Jugendliche am Abend', false, null],
			['Beratung für Familien', true, covering.id]
		]);
		const page = await loadDistrictInventory(store.db, '01011101', level);
		expect(page.gaps.map((g) => [g.need, g.targetGroups, g.workshopTitle])).toEqual([
			['Ein Treffpunkt für Jugendliche am Abend', 'Jugendliche', 'Sozialraumkonferenz Moabit']
		]);
		expect((await loadDistrictInventory(store.db, '08010117', level)).gaps).toEqual([]);

		// Other formats may name districts for the trail; their walls link no needs.
		const other = await createTestWorkshop(store.db, facilitator);
		await setWorkshopLinks(store.db, other.id, { districts: [stuelerstrasse], goalIds: [] });
		expect((await loadNeeds(store.db, other.id)).enabled).toBe(false);
		expect(
			await linkNeed(server.services, other.id, {
				cardId: gapCard,
				targetGroups: '',
				coverage: 'none'
			})
		).toEqual({ ok: false, status: 400, key: 'inventory.need.noDistricts' });
	});

	test('the sync server refuses a client writing the inventory counter, even a facilitator', async () => {
		const workshop = await conference();
		const token = await staffSessionToken(store.db, facilitator);
		const client = connectClient(
			server.url,
			documentName(workshop.id, 'control'),
			`__Host-qw_session=${token}`
		);
		clients.push(client);
		await client.synced();
		server.expectErrors(/inventory counter/);
		client.doc.getMap('inventory').set('version', 99);
		await eventually(() => expect(client.closes.length).toBeGreaterThan(0));
		expect(
			await server.services.documents.read(
				documentName(workshop.id, 'control'),
				readInventoryVersion
			)
		).toBe(0);
	});
});
