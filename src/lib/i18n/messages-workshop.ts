/** UI text: the live workshop (boards, clusters, dot voting, private and anonymous writing). */
export const workshopDe = {
	'live.loginRequired': 'Bitte melden Sie sich an oder öffnen Sie Ihren Einladungslink.',
	'live.workshopClosed': 'Diese Werkstatt ist abgeschlossen. Sie können nichts mehr ändern.',
	'live.badRequest': 'Die Anfrage war unvollständig. Bitte laden Sie die Seite neu.',
	'live.networkError': 'Keine Verbindung zum Server. Bitte versuchen Sie es gleich noch einmal.',
	'vote.closed': 'Die Abstimmung ist geschlossen.',
	'vote.unknownItem': 'Dafür kann man in dieser Abstimmung nicht stimmen.',
	'vote.overBudget': 'Sie haben keine Punkte mehr.',
	'vote.overItemLimit': 'Hierauf können Sie keine weiteren Punkte geben.',
	'vote.nothingToRemove': 'Hier haben Sie keinen Punkt gegeben.',
	'vote.voterMissing': 'Wir wissen nicht, wer abstimmt. Bitte laden Sie die Seite neu.',
	'vote.badDelta': 'Die Anfrage war unvollständig. Bitte laden Sie die Seite neu.'
} as const;

export const workshopEn: Record<keyof typeof workshopDe, string> = {
	'live.loginRequired': 'Please log in or open your invitation link.',
	'live.workshopClosed': 'This workshop is closed. You cannot change anything any more.',
	'live.badRequest': 'The request was incomplete. Please reload the page.',
	'live.networkError': 'No connection to the server. Please try again in a moment.',
	'vote.closed': 'The vote is closed.',
	'vote.unknownItem': 'You cannot vote for this in this vote.',
	'vote.overBudget': 'You have no dots left.',
	'vote.overItemLimit': 'You cannot give more dots to this item.',
	'vote.nothingToRemove': 'You have not given a dot here.',
	'vote.voterMissing': 'We do not know who is voting. Please reload the page.',
	'vote.badDelta': 'The request was incomplete. Please reload the page.'
};
