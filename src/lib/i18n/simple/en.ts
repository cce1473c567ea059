import type { ParticipantKey } from '../participant-keys';

/**
 * Plain English: the simple version of the participant texts of joining and the live room, for
 * the keys that have a German simple version (./de.ts). Same habits as there: short sentences,
 * one statement per sentence, common words, active voice, no abbreviations, numbers as digits.
 * Slots like {n} stay exactly as in the usual English text. A key without an entry here shows the
 * usual English text; the accessibility statement, planning and round-table texts come later.
 */
export const simpleEn: Partial<Record<ParticipantKey, string>> = {
	'editor.italic': 'Slanted',
	'editor.limitReached': 'The text is full now. It can have at most {max} characters.',
	'editor.linkInvalid':
		'This address does not work. It must start with https:// or http://. An e-mail address also works.',
	'editor.noImages': 'You cannot add pictures here.',
	'editor.tooLong':
		'That is too much text. The text can have at most {max} characters. We added nothing.',
	'error.forbidden': 'You cannot do this here.',

	'facilitation.bar.position': 'Step {number} of {total}',
	'facilitation.kind.agenda': 'Topics for today',
	'facilitation.kind.data': 'Numbers and facts',
	'facilitation.kind.inventory': 'What is already there',
	'facilitation.kind.measures': 'Plan with measures',
	'facilitation.plan.next': 'Next step',
	'facilitation.timer.label': '{time} left',
	'facilitation.timer.paused': 'The clock has stopped.',

	'invite.expired':
		'This invitation link does not work any more. Ask the facilitator for a new link.',
	'invite.revoked':
		'The facilitator deleted this invitation link. Ask the facilitator for a new link.',

	'join.anonymous': 'Take part without a name',
	'join.intro':
		'You need no account. You can type a name. The others see the name. You can also take part without a name.',
	'join.name': 'Your name (you do not have to give one)',
	'join.submit': 'Join',
	'join.title': 'Join: {workshop}',
	'joinCode.expired': 'This code does not work any more. Please take the new code from the screen.',
	'joinCode.hint': 'For example K7M2QX. You can use big or small letters.',
	'joinCode.intro': 'There is a code on the screen. Please type the code here.',
	'joinCode.malformed':
		'A code has 6 characters. They are letters and digits. There is no O, I, 0 or 1. Please check the code.',
	'joinCode.tooMany':
		'This device sent too many wrong codes. Please wait {minutes} {minutes|one:minute|other:minutes}. Or use the QR code.',
	'joinCode.unknown': 'This code does not exist. Please look at the screen again.',

	'live.adoptIdea': 'Put into the plan',
	'live.badRequest': 'That did not work. Please load the page again.',
	'live.board.agenda': 'Topics for today',
	'live.board.data': 'Numbers and facts',
	'live.board.inventory': 'What is already there',
	'live.board.measures': 'Plan with measures',
	'live.boardLater': 'This board does not exist yet.',
	'live.ideaAdopted': 'is in the plan',
	'live.ideasTitle':
		'These are the most important ideas of the group. Which ideas do we carry out?',
	'live.loginRequired': 'Please open your invitation link. Or log in.',
	'live.lostEdits':
		'The workshop has ended. You were still writing. Your last change is not saved.',
	'live.networkError': 'There is no connection to the server. Please try again in a moment.',
	'live.workshopClosed': 'This workshop has ended. You cannot change anything any more.',

	'ownCard.network':
		'There is no connection. Your change did not arrive. Please try again in a moment.',
	'ownCard.notYours': 'This is not your card. You can only change your own cards.',
	'presence.anonymous': 'No name',

	'privacy.device':
		'A cookie keeps you logged in to this workshop. The cookie ends {days} {days|one:day|other:days} after your last visit at the latest.',
	'privacy.deviceCopy':
		'Your browser keeps a copy of the cards and texts. So nothing is lost if the connection breaks. The browser also remembers: do you see the list or the wall? For cards without a name it keeps a key. Only you can change your card with this key. You can delete all this in your browser.',
	'privacy.howLong':
		'We keep your name until {days} {days|one:day|other:days} after the end of the workshop. We keep your cards, texts and votes until the town deletes the documentation.',
	'privacy.join.consentHint':
		'Without a tick, your cards have no name in the documentation. You can also have your name removed later. Then tell the facilitator.',
	'privacy.missing': 'Do you have questions about your data? Then ask the facilitator.',
	'privacy.name': 'Your name, if you type one. Without a name: no name.',
	'privacy.notYet': 'We only store something when you press “{button}”.',

	'results.fromOwnCard': 'Your card became a measure: “{title}”.',
	'results.intro':
		'The workshop has ended. Here you see the results. Nobody can change anything now.',
	'results.noText': 'Nobody wrote a text here.',
	'results.nothing': 'This workshop has no results.',
	'results.progress': '{n} percent done',
	'results.responsible': 'Who does it: {name}',
	'results.votes': 'Result of the vote',

	'status.offline': 'offline – your changes stay on this device',
	'status.refused': 'You have no access any more. Please load the page again. Or log in.',

	'vote.badDelta': 'That did not work. Please load the page again.',
	'vote.closed': 'The vote has ended.',
	'vote.doneThanks':
		'Thank you! The facilitator sees that you are done. You can still change your dots.',
	'vote.noItems': 'There is nothing to vote on yet. Write cards first. Or make groups.',
	'vote.overItemLimit': 'You cannot give more dots here.',
	'vote.resultsIntro': 'This is the result. The most dots are at the top:',
	'vote.rule': 'You can give at most {max} {max|one:dot|other:dots} to one idea.',
	'vote.unknownItem': 'You cannot vote for this here.',
	'vote.waitForResults': 'The vote has ended. The result comes soon.',
	'vote.watching': 'The others are voting now. Then the facilitator shows the result.',

	'wall.anonymousNote':
		'Cards without names: nobody sees who wrote a card. The facilitator does not see it either. You can still change your own cards on this device.',
	'wall.arrangeHint':
		'Each group gets its own column. Cards without a group also get their own column.',
	'wall.canvasLabel':
		'Card wall as a drawing area. Drag a card to move it. Click a card 2 times to change it. The list can do this with the keyboard too.',
	'wall.cardTooLong': 'The card is too long. It can have at most {max} characters.',
	'wall.draftsAnonymous': 'These cards go onto the wall soon. Nobody sees your name.',
	'wall.draftsPrivate': 'Only you see these cards. The facilitator shows them to everyone later.',
	'wall.empty': 'There are no cards yet. Write the first card!',
	'wall.myDrafts': 'Your cards, not yet seen by everyone ({n})',
	'wall.privateNote':
		'Hidden writing: at first only you see your cards. Later the facilitator shows all cards together.',
	'wall.promptsTitle':
		'This mattered most to the group. Use it to describe a good picture of the future:'
};
