/** UI text: what the polite live region says when others add cards (src/lib/board/announcements.svelte.ts). */
export const announcementsDe = {
	'announce.newCard': 'Neue Karte: {text}',
	'announce.newCards': '{n} neue Karten'
};

export const announcementsEn: Record<keyof typeof announcementsDe, string> = {
	'announce.newCard': 'New card: {text}',
	'announce.newCards': '{n} new cards'
};
