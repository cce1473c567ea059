import * as Y from 'yjs';
import { DocPersistence } from '../../../server/sync/persistence';
import { documentName } from '../collab/documents';
import { draftToMeasureInput, readMeasures } from '../collab/measures';
import { readCards } from '../collab/wall';
import { can, type Actor } from '../domain/roles';
import type { Db, Queryable } from './db';
import { insertMeasure } from './measures';
import type { AppServices } from './services';
import { pushStatus } from '../results/pushed-status';
import { getWorkshopLinks } from './workshop-links';
import { archiveWorkshop } from './archive/archive-entry';
import { copyNextReports } from './next-reports';

/**
 * Closing a workshop: an ordered list of steps, each given the workshop's live content as stored
 * (read-only, in a fresh Y.Doc) and the open transaction. The measure register is the first step,
 * the archive entry the second (it lists the register's measures). Every step must be idempotent:
 * closing twice, or again after a failure, changes nothing the first run already did.
 */
export interface CloseContext {
	tx: Queryable;
	workshopId: string;
	actor: Extract<Actor, { kind: 'staff' }>;
	content: Y.Doc;
	/** The control document (phases, votes, settings) as the server had it at the close. */
	control: Y.Doc;
	now: number;
	report: CloseReport;
}

export interface CloseReport {
	/** Measures copied into the register by this run. */
	copied: number;
	/** Drafts already in the register from an earlier run. */
	alreadyCopied: number;
	/** Drafts without a title (empty rows), not copied. */
	skipped: number;
	/** Fields of copied drafts that did not pass the checks and were left empty, per draft title. */
	cleared: { title: string; fields: string[] }[];
}

export type CloseStep = (context: CloseContext) => Promise<void>;

export type CloseResult =
	{ ok: true; report: CloseReport } | { ok: false; error: 'forbidden' | 'notFound' | 'archived' };

/** Reads a live document from the store without opening a room: snapshot, then the log. */
export async function loadStoredDoc(db: Db, name: string): Promise<Y.Doc> {
	const stored = await new DocPersistence(db).load(name);
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update.data);
	return doc;
}

/**
 * Copies the live measure plan into the register, with the workshop, the source cards (their texts
 * as they are now) and links to goals and districts. Drafts that name no goal or district get the
 * workshop's own links, so a measure is never cut off from the trail.
 */
export const copyMeasuresToRegister: CloseStep = async ({
	tx,
	workshopId,
	actor,
	content,
	now,
	report
}) => {
	const cardTexts = new Map(readCards(content).map((c) => [c.id, c.text]));
	const workshopLinks = await getWorkshopLinks(tx, workshopId);
	const goalIds = new Set((await tx.all<{ id: string }>('SELECT id FROM goals')).map((g) => g.id));
	const districtKeys = new Set(
		(await tx.all<{ level: string; code: string }>('SELECT level, code FROM districts')).map(
			(d) => `${d.level}:${d.code}`
		)
	);
	for (const draft of readMeasures(content)) {
		const done = await tx.get(
			'SELECT 1 AS x FROM measures WHERE origin_workshop_id = ? AND origin_measure_id = ?',
			[workshopId, draft.id]
		);
		if (done) {
			report.alreadyCopied++;
			continue;
		}
		const { input, cleared } = draftToMeasureInput(draft);
		if (!input) {
			report.skipped++;
			continue;
		}
		// Goals or districts deleted since the workshop are dropped rather than failing the close.
		input.goalIds = input.goalIds.filter((id) => goalIds.has(id));
		input.districts = input.districts.filter((d) => districtKeys.has(`${d.level}:${d.code}`));
		if (input.goalIds.length === 0) input.goalIds = workshopLinks.goalIds;
		if (input.districts.length === 0) input.districts = workshopLinks.districts;
		await insertMeasure(
			tx,
			input,
			actor.userId,
			{
				workshopId,
				measureId: draft.id,
				phase: draft.originPhase || null,
				cards: draft.originCards.map((id) => ({ id, text: cardTexts.get(id) ?? '' }))
			},
			now
		);
		report.copied++;
		if (cleared.length) report.cleared.push({ title: input.title, fields: cleared });
	}
};

export const closeSteps: CloseStep[] = [copyMeasuresToRegister, copyNextReports, archiveWorkshop];

export async function closeWorkshop(
	{
		db,
		access,
		documents
	}: Pick<AppServices, 'db' | 'access'> & Partial<Pick<AppServices, 'documents'>>,
	workshopId: string,
	actor: Actor | null,
	steps: CloseStep[] = closeSteps,
	now = Date.now()
): Promise<CloseResult> {
	if (actor?.kind !== 'staff' || !can(actor, 'workshop.manage'))
		return { ok: false, error: 'forbidden' };
	const found = await db.get<{ status: string }>('SELECT status FROM workshops WHERE id = ?', [
		workshopId
	]);
	if (!found) return { ok: false, error: 'notFound' };
	if (found.status === 'archived') return { ok: false, error: 'archived' };
	// With the live engine: the close is pushed first, and from then on the sync server refuses
	// every write to the workshop. What it accepted until then is in the live document, which is
	// what gets copied: an edit is either in the results or refused, and its writer told.
	// (If the steps below fail, the workshop stays frozen until closing is tried again.)
	const copyOf = (doc: Y.Doc) => {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		return copy;
	};
	let content: Y.Doc;
	let control: Y.Doc;
	if (documents) {
		await documents.change(documentName(workshopId, 'control'), (doc) => pushStatus(doc, 'closed'));
		content = await documents.read(documentName(workshopId, 'content'), copyOf);
		control = await documents.read(documentName(workshopId, 'control'), copyOf);
	} else {
		content = await loadStoredDoc(db, documentName(workshopId, 'content'));
		control = await loadStoredDoc(db, documentName(workshopId, 'control'));
	}
	try {
		const result = await db.transaction(async (tx): Promise<CloseResult> => {
			// Two closes at once on PostgreSQL (read committed) would both find a draft not yet copied
			// and the second would fail on the unique origin. They take turns per workshop instead;
			// SQLite's BEGIN IMMEDIATE already serialises every transaction.
			await tx.lockKey(`close-workshop:${workshopId}`);
			const workshop = await tx.get<{ status: string }>(
				'SELECT status FROM workshops WHERE id = ?',
				[workshopId]
			);
			if (!workshop) return { ok: false, error: 'notFound' };
			if (workshop.status === 'archived') return { ok: false, error: 'archived' };
			const report: CloseReport = { copied: 0, alreadyCopied: 0, skipped: 0, cleared: [] };
			for (const step of steps)
				await step({ tx, workshopId, actor, content, control, now, report });
			await tx.run("UPDATE workshops SET status = 'closed' WHERE id = ?", [workshopId]);
			return { ok: true, report };
		});
		// Open live connections re-check their access now that the workshop is closed.
		if (result.ok) access.announce({ workshopId });
		return result;
	} finally {
		content.destroy();
		control.destroy();
	}
}
