import { documentName } from '../../collab/documents';
import { newId } from '../../ids';
import {
	parseMeetingDate,
	type MemberInput,
	type MinutesStatus,
	type Parsed,
	type SeriesInput
} from '../../domain/round-table/round-table';
import type { Db, Queryable } from '../db';
import type { AppServices } from '../services';
import { carryOver } from './carry-over';
import { pushMeeting } from './records';

/**
 * A Runder Tisch series, its stable member list, its meetings (each a workshop of format
 * 'runderTisch', so the live room, invites and archive work as for every workshop) and attendance.
 * Callers check permissions first (staff with `workshop.manage`); these functions check the data.
 */
export interface Series {
	id: string;
	title: string;
	theme: string;
	createdAt: number;
}

export interface Member {
	id: string;
	organisation: string;
	person: string;
	role: string;
}

export interface Meeting {
	id: string;
	seriesId: string;
	title: string;
	meetsOn: string;
	minutes: MinutesStatus;
	status: string;
	createdAt: number;
}

interface MeetingRow {
	workshop_id: string;
	series_id: string;
	title: string;
	meets_on: string;
	minutes_status: MinutesStatus;
	status: string;
	created_at: number;
}

const toMeeting = (row: MeetingRow): Meeting => ({
	id: row.workshop_id,
	seriesId: row.series_id,
	title: row.title,
	meetsOn: row.meets_on,
	minutes: row.minutes_status,
	status: row.status,
	createdAt: Number(row.created_at)
});

const meetingSelect = `SELECT m.workshop_id, m.series_id, w.title, m.meets_on, m.minutes_status, w.status,
	m.created_at FROM rt_meetings m JOIN workshops w ON w.id = m.workshop_id`;

export async function createSeries(
	db: Db,
	input: SeriesInput,
	createdBy: string,
	now = Date.now()
): Promise<Series> {
	const id = newId();
	await db.run(
		'INSERT INTO rt_series (id, title, theme, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
		[id, input.title, input.theme, createdBy, now]
	);
	return { id, ...input, createdAt: now };
}

export async function listSeries(
	db: Db
): Promise<(Series & { meetings: number; latest: string | null })[]> {
	const rows = await db.all<{
		id: string;
		title: string;
		theme: string;
		created_at: number;
		meetings: number;
		latest: string | null;
	}>(
		`SELECT s.id, s.title, s.theme, s.created_at,
			(SELECT COUNT(*) FROM rt_meetings m WHERE m.series_id = s.id) AS meetings,
			(SELECT MAX(meets_on) FROM rt_meetings m WHERE m.series_id = s.id) AS latest
		FROM rt_series s ORDER BY s.created_at DESC`
	);
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		theme: row.theme,
		createdAt: Number(row.created_at),
		meetings: Number(row.meetings),
		latest: row.latest
	}));
}

export async function getSeries(db: Queryable, id: string): Promise<Series | null> {
	const row = await db.get<{ id: string; title: string; theme: string; created_at: number }>(
		'SELECT id, title, theme, created_at FROM rt_series WHERE id = ?',
		[id]
	);
	return row
		? { id: row.id, title: row.title, theme: row.theme, createdAt: Number(row.created_at) }
		: null;
}

export async function listMembers(db: Queryable, seriesId: string): Promise<Member[]> {
	return db.all<Member>(
		`SELECT id, organisation, person, role FROM rt_members
		WHERE series_id = ? AND removed_at IS NULL ORDER BY organisation, person`,
		[seriesId]
	);
}

export async function addMember(
	db: Db,
	seriesId: string,
	input: MemberInput,
	now = Date.now()
): Promise<Member> {
	const id = newId();
	await db.run(
		`INSERT INTO rt_members (id, series_id, organisation, person, role, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		[id, seriesId, input.organisation, input.person, input.role, now]
	);
	return { id, ...input };
}

/** Removed members keep their attendance in past meetings; they leave the list from now on. */
export async function removeMember(
	db: Db,
	seriesId: string,
	memberId: string,
	now = Date.now()
): Promise<boolean> {
	const result = await db.run(
		'UPDATE rt_members SET removed_at = ? WHERE id = ? AND series_id = ? AND removed_at IS NULL',
		[now, memberId, seriesId]
	);
	return result.changes === 1;
}

export async function listMeetings(db: Queryable, seriesId: string): Promise<Meeting[]> {
	const rows = await db.all<MeetingRow>(
		`${meetingSelect} WHERE m.series_id = ? ORDER BY m.meets_on, m.created_at`,
		[seriesId]
	);
	return rows.map(toMeeting);
}

export async function getMeeting(db: Queryable, workshopId: string): Promise<Meeting | null> {
	const row = await db.get<MeetingRow>(`${meetingSelect} WHERE m.workshop_id = ?`, [workshopId]);
	return row ? toMeeting(row) : null;
}

/** The meeting before this one in its series, or null for the first. */
export async function previousMeeting(db: Queryable, meeting: Meeting): Promise<Meeting | null> {
	const all = await listMeetings(db, meeting.seriesId);
	const index = all.findIndex((m) => m.id === meeting.id);
	return index > 0 ? all[index - 1] : null;
}

export async function nextMeeting(db: Queryable, meeting: Meeting): Promise<Meeting | null> {
	const all = await listMeetings(db, meeting.seriesId);
	const index = all.findIndex((m) => m.id === meeting.id);
	return index >= 0 && index < all.length - 1 ? all[index + 1] : null;
}

/**
 * A new meeting of the series, as a workshop of format 'runderTisch'. Under the series' lock, so two
 * facilitators adding meetings at once cannot both pass the "not before the latest" check with
 * dates in the wrong order. Then the previous meeting's unfinished agenda items and the review of
 * open action items are written into the new meeting's agenda (carry-over).
 */
export async function createMeeting(
	services: Pick<AppServices, 'db' | 'documents'>,
	seriesId: string,
	form: { meetsOn?: unknown; title?: unknown },
	createdBy: string,
	now = Date.now()
): Promise<Parsed<Meeting>> {
	const { db } = services;
	const created = await db.transaction(async (tx): Promise<Parsed<Meeting>> => {
		await tx.lockKey(`rt-series:${seriesId}`);
		const series = await getSeries(tx, seriesId);
		if (!series) throw new Error('unknown series');
		const latest = await tx.get<{ latest: string | null }>(
			'SELECT MAX(meets_on) AS latest FROM rt_meetings WHERE series_id = ?',
			[seriesId]
		);
		const date = parseMeetingDate(form.meetsOn, latest?.latest ?? null);
		if (!date.ok) return date;
		const count = await tx.get<{ n: number }>(
			'SELECT COUNT(*) AS n FROM rt_meetings WHERE series_id = ?',
			[seriesId]
		);
		const title =
			(typeof form.title === 'string' && form.title.trim().slice(0, 200)) ||
			`${series.title} – ${Number(count?.n ?? 0) + 1}. Sitzung`;
		const id = newId();
		await tx.run(
			`INSERT INTO workshops (id, format, title, starts_on, description, status, created_by, created_at)
			VALUES (?, 'runderTisch', ?, ?, ?, 'draft', ?, ?)`,
			[id, title, date.value, series.theme, createdBy, now]
		);
		await tx.run(
			'INSERT INTO rt_meetings (workshop_id, series_id, meets_on, created_at) VALUES (?, ?, ?, ?)',
			[id, seriesId, date.value, now]
		);
		return {
			ok: true,
			value: {
				id,
				seriesId,
				title,
				meetsOn: date.value,
				minutes: 'draft',
				status: 'draft',
				createdAt: now
			}
		};
	});
	if (!created.ok) return created;
	const previous = await previousMeeting(db, created.value);
	await carryOver(services, previous, created.value);
	await pushMeeting(services, created.value.id);
	return created;
}

export async function setAttendance(
	db: Db,
	meetingId: string,
	memberId: string,
	present: boolean
): Promise<boolean> {
	const member = await db.get<{ id: string }>(
		`SELECT r.id FROM rt_members r JOIN rt_meetings m ON m.series_id = r.series_id
		WHERE r.id = ? AND m.workshop_id = ?`,
		[memberId, meetingId]
	);
	if (!member) return false;
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM rt_attendance WHERE meeting_id = ? AND member_id = ?', [
			meetingId,
			memberId
		]);
		await tx.run('INSERT INTO rt_attendance (meeting_id, member_id, present) VALUES (?, ?, ?)', [
			meetingId,
			memberId,
			present ? 1 : 0
		]);
	});
	return true;
}

export async function listAttendance(db: Queryable, meetingId: string): Promise<Set<string>> {
	const rows = await db.all<{ member_id: string }>(
		'SELECT member_id FROM rt_attendance WHERE meeting_id = ? AND present = 1',
		[meetingId]
	);
	return new Set(rows.map((row) => row.member_id));
}

export const controlOf = (meetingId: string) => documentName(meetingId, 'control');
export const contentOf = (meetingId: string) => documentName(meetingId, 'content');
