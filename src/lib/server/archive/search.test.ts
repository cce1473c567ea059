import fc from 'fast-check';
import { afterEach, beforeEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../../../server/sync/persistence';
import { createStaff, createTestWorkshop } from '../../../../tests/helpers/fixtures';
import { describeEachStore, type TestStore } from '../../../../tests/helpers/stores';
import { setPlan } from '../../collab/control';
import { documentName } from '../../collab/documents';
import { addMeasure } from '../../collab/measures';
import { addCard } from '../../collab/wall';
import { zukunftswerkstattTemplate } from '../../domain/facilitation/phases';
import { visionField } from '../../domain/vision';
import { createAccessEvents } from '../access-events';
import type { User } from '../accounts';
import { closeWorkshop } from '../close-workshop';
import { listMeasures } from '../measures';
import { setWorkshopLinks } from '../workshop-links';
import {
	backfillArchiveSearch,
	ensureArchiveSearch,
	reindexArchive,
	searchArchives,
	type SearchFilter
} from './search';

describeEachStore('the archive search', (open) => {
	let store: TestStore;
	let facilitator: User;
	beforeEach(async () => {
		store = await open();
		await createStaff(store.db, 'admin');
		facilitator = await createStaff(store.db, 'facilitator', 'Fiona Moderation');
		const now = Date.now();
		for (const [code, name] of [
			['01', 'Südstadt'],
			['02', 'Nordviertel']
		])
			await store.db.run(
				`INSERT INTO districts (id, code, level, name, geometry, bbox, created_at)
				VALUES (?, ?, 'stadtteil', ?, '{}', '[]', ?)`,
				[`d${code}`, code, name, now]
			);
		for (const [id, title] of [
			['g1', 'Mehr Grün'],
			['g2', 'Gute Nachbarschaft']
		])
			await store.db.run(
				`INSERT INTO goals (id, title, level, status, created_at, updated_at)
				VALUES (?, ?, 'leitbild', 'active', ?, ?)`,
				[id, title, now, now]
			);
	});
	afterEach(() => store.dispose());

	const actor = () =>
		({
			kind: 'staff',
			userId: facilitator.id,
			name: facilitator.name,
			role: 'facilitator'
		}) as const;

	/** A workshop played and closed: cards on the critique wall, a vision text, measures. */
	async function closedWorkshop(
		title: string,
		{
			cards = [] as string[],
			vision = '',
			measures = [] as string[],
			district = null as string | null,
			goal = null as string | null,
			closedAt = Date.now()
		} = {}
	) {
		const workshop = await createTestWorkshop(store.db, facilitator, title);
		await setWorkshopLinks(store.db, workshop.id, {
			districts: district ? [{ level: 'stadtteil', code: district }] : [],
			goalIds: goal ? [goal] : []
		});
		const content = new Y.Doc();
		const control = new Y.Doc();
		const plan = zukunftswerkstattTemplate('de');
		setPlan(control, { ...plan, currentPhaseId: 'kritik' });
		for (const text of cards)
			addCard(content, { text, x: 0, y: 0, colour: 'yellow', board: 'kritik' });
		if (vision) {
			const textPhase = plan.phases.find((p) => p.boardKinds.includes('text'))!;
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(vision)]);
			content.getXmlFragment(visionField(textPhase.id)).insert(0, [paragraph]);
		}
		for (const measure of measures)
			addMeasure(content, { title: measure, originCards: [], originPhase: 'kritik' });
		await new DocPersistence(store.db).append([
			{ doc: documentName(workshop.id, 'content'), update: Y.encodeStateAsUpdate(content) },
			{ doc: documentName(workshop.id, 'control'), update: Y.encodeStateAsUpdate(control) }
		]);
		const closed = await closeWorkshop(
			{ db: store.db, access: createAccessEvents() },
			workshop.id,
			actor(),
			undefined,
			closedAt
		);
		expect(closed.ok).toBe(true);
		return workshop;
	}

	const titles = async (filter: SearchFilter) =>
		(await searchArchives(store.db, filter)).results.map((r) => r.title);

	test('finds cards, texts and measures by stem and by part of a compound word', async () => {
		const park = await closedWorkshop('Werkstatt Park', {
			cards: ['Spielplatzsanierung am Stadtpark', 'Mehr Angebote für Jugendliche'],
			vision: 'Im Jahr 2030 gibt es einen Spielplatz an jeder Ecke.',
			measures: ['Sozialraumkonferenz einberufen']
		});
		await closedWorkshop('Werkstatt Verkehr', { cards: ['Kein Bus nach 21 Uhr'] });

		expect(await titles({ text: 'Spielplätze' })).toEqual(['Werkstatt Park']);
		expect(await titles({ text: 'Jugendlicher' })).toEqual(['Werkstatt Park']);
		expect(await titles({ text: 'platz' })).toEqual(['Werkstatt Park']);
		expect(await titles({ text: 'spiel' })).toEqual(['Werkstatt Park']);
		expect(await titles({ text: 'Konferenz' })).toEqual(['Werkstatt Park']);
		expect(await titles({ text: 'Bus' })).toEqual(['Werkstatt Verkehr']);
		// Two letters: below what trigrams find, the fallback still does.
		expect(await titles({ text: '21' })).toEqual(['Werkstatt Verkehr']);
		// Every word must match somewhere in the workshop (here: a card and the title).
		expect(await titles({ text: 'Jugendliche Park' })).toEqual(['Werkstatt Park']);
		expect(await titles({ text: 'Jugendliche Bus' })).toEqual([]);
		expect(await titles({ text: 'Schwimmbad' })).toEqual([]);

		const outcome = await searchArchives(store.db, { text: 'Spielplätze' });
		const [result] = outcome.results;
		expect(result.hits.map((h) => [h.kind, h.body])).toEqual([
			['text', 'Im Jahr 2030 gibt es einen Spielplatz an jeder Ecke.'],
			['card', 'Spielplatzsanierung am Stadtpark']
		]);
		expect(result.hitCount).toBe(2);
		const [measure] = await listMeasures(store.db, { workshopId: park.id });
		const measureHit = (await searchArchives(store.db, { text: 'Sozialraum' })).results[0].hits[0];
		expect(measureHit).toMatchObject({
			kind: 'measure',
			ref: measure.id,
			label: 'Sozialraumkonferenz einberufen'
		});
	});

	test('lists archives newest first and filters by format, district, goal and date', async () => {
		const day = 86_400_000;
		const start = Date.parse('2026-03-01T12:00:00Z');
		await closedWorkshop('Alt', { cards: ['Bänke'], district: '01', goal: 'g1', closedAt: start });
		await closedWorkshop('Mitte', {
			cards: ['Bänke'],
			district: '02',
			goal: 'g2',
			closedAt: start + day
		});
		await closedWorkshop('Neu', { cards: ['Bänke'], district: '01', closedAt: start + 2 * day });
		// Not closed: never listed.
		await createTestWorkshop(store.db, facilitator, 'Offen');

		expect(await titles({})).toEqual(['Neu', 'Mitte', 'Alt']);
		expect(await titles({ format: 'zukunftswerkstatt' })).toEqual(['Neu', 'Mitte', 'Alt']);
		expect(await titles({ format: 'runder-tisch' })).toEqual([]);
		expect(await titles({ district: { level: 'stadtteil', code: '01' } })).toEqual(['Neu', 'Alt']);
		expect(await titles({ goalId: 'g2' })).toEqual(['Mitte']);
		expect(await titles({ text: 'Bank', district: { level: 'stadtteil', code: '02' } })).toEqual([
			'Mitte'
		]);
		const first = await searchArchives(store.db, {});
		expect(first.results[0].districts).toEqual([
			{ level: 'stadtteil', code: '01', name: 'Südstadt' }
		]);
		expect(first.results[2].goals).toEqual([{ id: 'g1', title: 'Mehr Grün' }]);
		// The test workshops have a planned date (2026-12-01): the date filter uses it.
		expect(first.results[0].day).toBe('2026-12-01');
		expect(await titles({ from: '2026-12-01', to: '2026-12-01' })).toHaveLength(3);
		expect(await titles({ from: '2026-12-02' })).toEqual([]);
		expect(await titles({ to: '2026-11-30' })).toEqual([]);
	});

	test('without a planned date, the closing day counts', async () => {
		const workshop = await closedWorkshop('Ohne Datum', {
			closedAt: Date.parse('2026-05-10T10:00:00Z')
		});
		await store.db.run('UPDATE workshops SET starts_on = NULL WHERE id = ?', [workshop.id]);
		await reindexArchive(store.db, workshop.id);
		// The export still has the planned date from the close; remove it there too.
		const row = await store.db.get<{ export_json: string }>(
			'SELECT export_json FROM archives WHERE workshop_id = ?',
			[workshop.id]
		);
		const exported = JSON.parse(row!.export_json);
		exported.workshop.startsOn = null;
		await store.db.run('UPDATE archives SET export_json = ? WHERE workshop_id = ?', [
			JSON.stringify(exported),
			workshop.id
		]);
		await reindexArchive(store.db, workshop.id);
		expect(await titles({ from: '2026-05-10', to: '2026-05-10' })).toEqual(['Ohne Datum']);
		expect(await titles({ from: '2026-05-11' })).toEqual([]);
	});

	test('reindexing follows a rewritten export; deleting the workshop removes its rows', async () => {
		const workshop = await closedWorkshop('Namen', { cards: ['Sevgi wünscht sich Bäume'] });
		expect(await titles({ text: 'Sevgi' })).toEqual(['Namen']);
		const row = await store.db.get<{ export_json: string }>(
			'SELECT export_json FROM archives WHERE workshop_id = ?',
			[workshop.id]
		);
		await store.db.run('UPDATE archives SET export_json = ? WHERE workshop_id = ?', [
			row!.export_json.replace('Sevgi', 'Jemand'),
			workshop.id
		]);
		expect(await reindexArchive(store.db, workshop.id)).toBe(true);
		expect(await titles({ text: 'Sevgi' })).toEqual([]);
		expect(await titles({ text: 'Bäume' })).toEqual(['Namen']);

		await store.db.run('DELETE FROM workshops WHERE id = ?', [workshop.id]);
		expect(await titles({ text: 'Bäume' })).toEqual([]);
		expect(await store.db.all('SELECT id FROM archive_search')).toEqual([]);
		expect(await reindexArchive(store.db, workshop.id)).toBe(false);
		if (store.db.kind === 'sqlite')
			await store.db.run(
				"INSERT INTO archive_search_fts (archive_search_fts) VALUES ('integrity-check')"
			);
	});

	test('archives written before the search are indexed once, again after a version change', async () => {
		await closedWorkshop('Früher', { cards: ['Trinkbrunnen am Markt'] });
		await ensureArchiveSearch(store.db);
		// As an archive from before this feature: no rows, no state.
		await store.db.run('DELETE FROM archive_search');
		await store.db.run('DELETE FROM archive_search_state');
		expect(await backfillArchiveSearch(store.db)).toBe(1);
		expect(await backfillArchiveSearch(store.db)).toBe(0);
		expect(await titles({ text: 'Brunnen' })).toEqual(['Früher']);
		await store.db.run('UPDATE archive_search_state SET version = 0');
		expect(await backfillArchiveSearch(store.db)).toBe(1);
		expect(await titles({ text: 'Brunnen' })).toEqual(['Früher']);
		// The store's own index is there and used: FTS5 trigrams, or pg_trgm and german text search.
		if (store.db.kind === 'sqlite') {
			const viaIndex = await store.db.all(
				`SELECT rowid FROM archive_search_fts WHERE archive_search_fts MATCH '"brunn"'`
			);
			expect(viaIndex).toHaveLength(1);
		} else {
			const indexes = await store.db.all<{ indexname: string }>(
				"SELECT indexname FROM pg_indexes WHERE tablename = 'archive_search' ORDER BY indexname"
			);
			expect(indexes.map((i) => i.indexname)).toEqual(
				expect.arrayContaining(['archive_search_german', 'archive_search_trgm'])
			);
		}
	});

	test('two backfills at once index an archive once', async () => {
		const workshop = await closedWorkshop('Doppelt', { cards: ['Eine Karte', 'Noch eine Karte'] });
		const before = await store.db.all('SELECT id FROM archive_search WHERE workshop_id = ?', [
			workshop.id
		]);
		await store.db.run('DELETE FROM archive_search_state');
		await Promise.all([
			backfillArchiveSearch(store.db),
			backfillArchiveSearch(store.db),
			...Array.from({ length: 8 }, () => reindexArchive(store.db, workshop.id))
		]);
		const after = await store.db.all('SELECT id FROM archive_search WHERE workshop_id = ?', [
			workshop.id
		]);
		expect(after).toHaveLength(before.length);
	});

	test('a workshop of 500 cards is indexed in the closing transaction', async () => {
		const cards = Array.from({ length: 500 }, (_, i) => `Karte Nummer ${i} über Bänke`);
		await closedWorkshop('Groß', { cards });
		const outcome = await searchArchives(store.db, { text: 'Nummer 499' });
		expect(outcome.results.map((r) => r.title)).toEqual(['Groß']);
		expect(outcome.results[0].hits.map((h) => h.body)).toContain('Karte Nummer 499 über Bänke');
		expect((await searchArchives(store.db, { text: 'Bank' })).results[0].hitCount).toBe(500);
	});

	test('no query text breaks the search (quotes, FTS and SQL syntax, huge input)', async () => {
		await closedWorkshop('Robust', { cards: ['Spielplatz "NEAR" * - AND OR'] });
		const special = fc.constantFrom(
			'"',
			"'",
			'*',
			'-',
			'NEAR',
			'NEAR(',
			'AND',
			'OR',
			'NOT',
			':',
			'^',
			'%',
			'_',
			'\\',
			'(',
			')',
			'{',
			'}',
			';',
			'--',
			'\0',
			'ß',
			'ﬁ',
			'İ'
		);
		const query = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 300 }),
			fc
				.array(fc.oneof(special, fc.string({ maxLength: 6 })), { maxLength: 20 })
				.map((parts) => parts.join(' ')),
			fc.array(special, { maxLength: 30 }).map((parts) => parts.join(''))
		);
		await fc.assert(
			fc.asyncProperty(query, async (text) => {
				const outcome = await searchArchives(store.db, { text });
				expect(outcome.results.length).toBeLessThanOrEqual(1);
			}),
			{ numRuns: 150 }
		);
		const huge = 'Spielplatz '.repeat(100_000);
		expect(await titles({ text: huge })).toEqual(['Robust']);
		expect(await titles({ text: '"NEAR" * -' })).toEqual(['Robust']);
	});
});
