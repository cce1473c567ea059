import * as Y from 'yjs';
import { readControl } from '../../collab/control';
import { documentName } from '../../collab/documents';
import { cardCreator, paperCardCount, readCards } from '../../collab/wall';
import { writerKey } from '../../domain/roles';
import { readClosedResults, type ResultPhase } from '../../results/closed-results';
import type { Queryable } from '../db';
import { listMeasures } from '../measures';
import type { CloseStep } from '../close-workshop';
import { indexArchive } from './search';
import { withWallCanvases, type WallCanvas } from './wall-canvas';
import { roundTableMinutesSection } from './documents/round-table-minutes';
import { dataCommentsSection } from './documents/data-comments';
import { reachSection } from './documents/reach';

/**
 * The archive entry of a closed workshop (DESIGN.md §4 `archive`): a structured export of what the
 * workshop produced, and the final Yjs state of its shared documents. Made once, in the closing
 * transaction; closing again keeps the first entry (the documents cannot change after the close).
 *
 * Names (DSGVO): the export counts people. A card's author is named (`authors`) only when all of
 * these hold: the workshop was not anonymous, the card was not published anonymously by the server,
 * and the participant ticked the consent box when joining. Staff are never named as card authors.
 * Cards carry no author in the document (DESIGN.md §5): the author is the person the sync engine
 * recorded for the card's Yjs client id (`doc_clients`), looked up here at the close and again when
 * a name is removed later (`refreshArchiveAuthors`).
 */
export const archiveFormat = 'quartierswerkstatt.archive';
export const archiveVersion = 1;

export interface ArchiveMeasure {
	id: string;
	title: string;
	description: string;
	responsible: string;
	partners: string;
	status: string;
	startOn: string | null;
	dueOn: string | null;
	targetGroups: string;
	goals: { id: string; title: string }[];
	districts: { level: string; code: string; name: string }[];
	/** The cards the measure came from, with their text at the close. */
	originCards: { id: string; text: string }[];
}

export interface ArchiveExport {
	format: typeof archiveFormat;
	version: typeof archiveVersion;
	workshop: {
		id: string;
		title: string;
		format: string;
		startsOn: string | null;
		description: string;
		closedAt: string;
		closedBy: string;
		anonymous: boolean;
	};
	districts: { level: string; code: string; name: string }[];
	goals: { id: string; title: string }[];
	/** `paperCards`: cards the facilitator typed in from paper (hybrid sessions); newer entries. */
	participation: { participants: number; observers: number; paperCards?: number };
	/** `canvas`: card and frame positions of each wall (archives from before it lack them). */
	phases: (ResultPhase & { canvas?: WallCanvas })[];
	measures: ArchiveMeasure[];
	/** Named authors of cards, only with consent (see above); missing in entries made before. */
	authors?: ArchiveAuthor[];
}

export interface ArchiveAuthor {
	cardId: string;
	name: string;
}

/** The shared documents an archive keeps. Private documents hold one person's unpublished drafts. */
export const archivedDocuments = ['content', 'control'] as const;

export const archiveWorkshop: CloseStep = async ({
	tx,
	workshopId,
	actor,
	content,
	control,
	now
}) => {
	if (await tx.get('SELECT 1 AS x FROM archives WHERE workshop_id = ?', [workshopId])) return;
	const exported = await buildExport(tx, workshopId, { content, control }, actor.name, now);
	await tx.run(
		'INSERT INTO archives (workshop_id, closed_at, closed_by, export_json) VALUES (?, ?, ?, ?)',
		[workshopId, now, actor.userId, JSON.stringify(exported)]
	);
	await indexArchive(tx, workshopId, exported, now);
	for (const kind of archivedDocuments) {
		const doc = kind === 'content' ? content : control;
		await tx.run('INSERT INTO archive_documents (workshop_id, doc, state) VALUES (?, ?, ?)', [
			workshopId,
			documentName(workshopId, kind),
			Y.encodeStateAsUpdate(doc)
		]);
	}
};

async function buildExport(
	tx: Queryable,
	workshopId: string,
	docs: { content: Y.Doc; control: Y.Doc },
	closedBy: string,
	now: number
): Promise<ArchiveExport> {
	const workshop = await tx.get<{
		title: string;
		format: string;
		starts_on: string | null;
		description: string;
	}>('SELECT title, format, starts_on, description FROM workshops WHERE id = ?', [workshopId]);
	const districts = await tx.all<{ level: string; code: string; name: string }>(
		`SELECT d.level, d.code, d.name FROM workshop_districts w
		JOIN districts d ON d.level = w.district_level AND d.code = w.district_code
		WHERE w.workshop_id = ? ORDER BY d.level, d.code`,
		[workshopId]
	);
	const goals = await tx.all<{ id: string; title: string }>(
		`SELECT g.id, g.title FROM workshop_goals w JOIN goals g ON g.id = w.goal_id
		WHERE w.workshop_id = ? ORDER BY g.title`,
		[workshopId]
	);
	const people = await tx.all<{ role: string; n: number }>(
		`SELECT role, COUNT(*) AS n FROM participants WHERE workshop_id = ? GROUP BY role`,
		[workshopId]
	);
	const count = (role: string) => Number(people.find((p) => p.role === role)?.n ?? 0);
	const anonymous = readControl(docs.control).settings.anonymous;
	const phases = readClosedResults(docs.content, docs.control).phases;
	const goalTitles = new Map(
		(await tx.all<{ id: string; title: string }>('SELECT id, title FROM goals')).map((g) => [
			g.id,
			g.title
		])
	);
	const districtNames = new Map(
		(
			await tx.all<{ level: string; code: string; name: string }>(
				'SELECT level, code, name FROM districts'
			)
		).map((d) => [`${d.level}:${d.code}`, d.name])
	);
	const measures = (await listMeasures(tx, { workshopId })).map((m): ArchiveMeasure => ({
		id: m.id,
		title: m.title,
		description: m.description,
		responsible: m.responsible,
		partners: m.partners,
		status: m.status,
		startOn: m.startOn,
		dueOn: m.dueOn,
		targetGroups: m.targetGroups,
		goals: m.goalIds.map((id) => ({ id, title: goalTitles.get(id) ?? '' })),
		districts: m.districts.map((d) => ({
			...d,
			name: districtNames.get(`${d.level}:${d.code}`) ?? ''
		})),
		originCards: m.originCards.map((c) => ({ id: c.id, text: c.text }))
	}));
	return {
		format: archiveFormat,
		version: archiveVersion,
		workshop: {
			id: workshopId,
			title: workshop?.title ?? '',
			format: workshop?.format ?? '',
			startsOn: workshop?.starts_on ?? null,
			description: workshop?.description ?? '',
			closedAt: new Date(now).toISOString(),
			closedBy,
			anonymous
		},
		districts,
		goals,
		participation: {
			participants: count('participant'),
			observers: count('observer'),
			paperCards: paperCardCount(readCards(docs.content))
		},
		phases: [
			...withWallCanvases(phases, docs.content),
			...(await roundTableMinutesSection(tx, workshopId, docs.content)),
			...(await dataCommentsSection(tx, workshopId, docs.content)),
			...(await reachSection(tx, workshopId))
		],
		measures,
		authors: anonymous ? [] : await consentedAuthors(tx, workshopId, docs.content, phases)
	};
}

/**
 * The authors to name: of the cards the export shows, those written by a participant who agreed
 * to be named and still has a name. Anonymous cards were written under the server's client id and
 * so have no participant as owner.
 */
async function consentedAuthors(
	tx: Queryable,
	workshopId: string,
	content: Y.Doc,
	phases: ResultPhase[]
): Promise<ArchiveAuthor[]> {
	const shown = new Set<string>();
	for (const phase of phases)
		for (const card of [
			...(phase.wall?.groups.flatMap((g) => g.cards) ?? []),
			...(phase.wall?.loose ?? [])
		])
			shown.add(card.id);
	const owners = new Map(
		(
			await tx.all<{ client_id: number | string; owner: string }>(
				'SELECT client_id, owner FROM doc_clients WHERE doc = ?',
				[documentName(workshopId, 'content')]
			)
		).map((row) => [Number(row.client_id), row.owner])
	);
	const names = new Map(
		(
			await tx.all<{ id: string; display_name: string }>(
				`SELECT id, display_name FROM participants
				WHERE workshop_id = ? AND name_consent = 1 AND display_name IS NOT NULL`,
				[workshopId]
			)
		).map((row) => [writerKey({ kind: 'guest', participantId: row.id }), row.display_name])
	);
	const authors: ArchiveAuthor[] = [];
	for (const card of readCards(content)) {
		if (!shown.has(card.id) || card.keyHash) continue;
		const client = cardCreator(content, card.id);
		const name = client === null ? undefined : names.get(owners.get(client) ?? '');
		if (name) authors.push({ cardId: card.id, name });
	}
	return authors;
}

/**
 * The export as the generated documents show it: a named author follows their card's text
 * ("Kein Bus nach 21 Uhr – Sevgi"), in every document alike; no other change.
 */
export function exportForDocuments(exported: ArchiveExport): ArchiveExport {
	const authors = new Map((exported.authors ?? []).map((a) => [a.cardId, a.name]));
	if (authors.size === 0) return exported;
	const named = <T extends { id: string; text: string }>(card: T): T => {
		const name = authors.get(card.id)?.replace(/\s+/g, ' ').trim();
		return name ? { ...card, text: `${card.text} – ${name}` } : card;
	};
	return {
		...exported,
		phases: exported.phases.map((phase) =>
			phase.wall
				? {
						...phase,
						wall: {
							...phase.wall,
							groups: phase.wall.groups.map((g) => ({ ...g, cards: g.cards.map(named) })),
							loose: phase.wall.loose.map(named)
						}
					}
				: phase
		)
	};
}

/**
 * Works the named authors of an archive out again from its final content document, after a name
 * was removed or consent withdrawn. The export is rewritten only when the names changed; then the
 * stored manifest is dropped (the next making of the documentation stores the new one) and the
 * time of the regeneration is kept, which the documents then carry. Returns whether it changed.
 */
export async function refreshArchiveAuthors(
	tx: Queryable,
	workshopId: string,
	now: number
): Promise<boolean> {
	const entry = await readArchive(tx, workshopId);
	if (!entry) return false;
	const state = entry.documents.get(documentName(workshopId, 'content'));
	const content = new Y.Doc();
	if (state) Y.applyUpdate(content, state);
	const authors = entry.export.workshop.anonymous
		? []
		: await consentedAuthors(tx, workshopId, content, entry.export.phases);
	content.destroy();
	if (JSON.stringify(authors) === JSON.stringify(entry.export.authors ?? [])) return false;
	await tx.run(
		`UPDATE archives SET export_json = ?, manifest_json = NULL, regenerated_at = ?
		WHERE workshop_id = ?`,
		[JSON.stringify({ ...entry.export, authors }), now, workshopId]
	);
	return true;
}

export interface ArchiveEntry {
	closedAt: number;
	/** When the documentation was made again after a name was removed; null: never. */
	regeneratedAt: number | null;
	export: ArchiveExport;
	/** Document name → final Yjs state. */
	documents: Map<string, Uint8Array>;
}

export async function readArchive(db: Queryable, workshopId: string): Promise<ArchiveEntry | null> {
	const row = await db.get<{
		closed_at: number;
		export_json: string;
		regenerated_at: number | null;
	}>('SELECT closed_at, export_json, regenerated_at FROM archives WHERE workshop_id = ?', [
		workshopId
	]);
	if (!row) return null;
	const docs = await db.all<{ doc: string; state: Uint8Array }>(
		'SELECT doc, state FROM archive_documents WHERE workshop_id = ? ORDER BY doc',
		[workshopId]
	);
	return {
		closedAt: Number(row.closed_at),
		regeneratedAt: row.regenerated_at === null ? null : Number(row.regenerated_at),
		export: JSON.parse(row.export_json) as ArchiveExport,
		documents: new Map(docs.map((d) => [d.doc, new Uint8Array(d.state)]))
	};
}
