import type { Db } from './db';
import type { WorkshopFormat, WorkshopInput, WorkshopStatus } from '../domain/workshop';
import { newId } from '../ids';

export interface Workshop {
	id: string;
	format: WorkshopFormat;
	title: string;
	startsOn: string | null;
	description: string;
	status: WorkshopStatus;
	createdAt: number;
}

interface WorkshopRow {
	id: string;
	format: WorkshopFormat;
	title: string;
	starts_on: string | null;
	description: string;
	status: Workshop['status'];
	created_at: number;
}

const toWorkshop = (row: WorkshopRow): Workshop => ({
	id: row.id,
	format: row.format,
	title: row.title,
	startsOn: row.starts_on,
	description: row.description,
	status: row.status,
	createdAt: row.created_at
});

export async function createWorkshop(
	db: Db,
	input: WorkshopInput,
	createdBy: string,
	now = Date.now()
): Promise<Workshop> {
	const id = newId();
	await db.run(
		`INSERT INTO workshops (id, format, title, starts_on, description, status, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)`,
		[id, input.format, input.title, input.startsOn, input.description, createdBy, now]
	);
	return { id, ...input, status: 'draft', createdAt: now };
}

export async function getWorkshop(db: Db, id: string): Promise<Workshop | null> {
	const row = await db.get<WorkshopRow>('SELECT * FROM workshops WHERE id = ?', [id]);
	return row ? toWorkshop(row) : null;
}

export async function listWorkshops(db: Db): Promise<Workshop[]> {
	const rows = await db.all<WorkshopRow>(
		'SELECT * FROM workshops ORDER BY starts_on IS NULL, starts_on DESC, created_at DESC'
	);
	return rows.map(toWorkshop);
}
