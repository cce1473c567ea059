/** What GET /w/<id>/api/reach answers (server/reach/store.ts and the route). */
export interface ReachChoice {
	id: string;
	label: string;
}
export interface ParticipantReach {
	role: 'participant';
	open: boolean;
	answered: boolean;
	questions: { id: string; text: string; choices: ReachChoice[] }[];
}
export interface StaffReach {
	role: 'staff';
	canEdit: boolean;
	canManage: boolean;
	closed: boolean;
	locked: boolean;
	/** The pick as the questions endpoint takes it: catalogue ids and the own question. */
	picked: (
		| { id: string; custom?: undefined }
		| { id: 'custom'; custom: { text: string; choices: string[] } }
	)[];
	respondents: number | null;
	questions: { id: string; text: string; choices: (ReachChoice & { total: number | null })[] }[];
}

export const reachUrl = (workshopId: string) => `/w/${encodeURIComponent(workshopId)}/api/reach`;

/** Sends JSON; the answer's message (in the asker's language) on a refusal. */
export async function postJson(
	url: string,
	body: unknown
): Promise<{ ok: boolean; message: string }> {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		if (res.ok) return { ok: true, message: '' };
		const data = (await res.json().catch(() => ({}))) as { message?: string };
		return { ok: false, message: data.message ?? res.statusText };
	} catch (error) {
		return { ok: false, message: String(error) };
	}
}
