import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { setPlan, setVoteResults } from '../collab/control';
import { addMeasure, emptyMeasure } from '../collab/measures';
import { addCard, addCluster, updateCard } from '../collab/wall';
import { phaseTemplates } from '../domain/facilitation/phases';
import { visionField } from '../domain/vision';
import { visionBlocks } from '../collab/vision-blocks';
import { readClosedResults } from './closed-results';

describe('closed results', () => {
	test('walls with groups, cards and vote results; the vision as plain blocks; the measures', () => {
		const content = new Y.Doc();
		const control = new Y.Doc();
		const plan = phaseTemplates.zukunftswerkstatt('de');
		setPlan(control, plan);
		const wallPhase = plan.phases.find((p) => p.boardKinds.includes('wall'))!;
		const textPhase = plan.phases.find((p) => p.boardKinds.includes('text'))!;
		const group = addCluster(content, { name: 'Verkehr', board: wallPhase.id, x: 0, y: 0 });
		const bus = addCard(content, {
			text: 'Bus fährt selten',
			x: 0,
			y: 0,
			colour: 'yellow',
			board: wallPhase.id
		});
		updateCard(content, bus, { cluster: group });
		const bench = addCard(content, {
			text: '<b>Bänke</b>',
			x: 0,
			y: 0,
			colour: 'yellow',
			board: wallPhase.id
		});
		setVoteResults(control, wallPhase.id, {
			roundId: 'r1',
			results: [
				{ itemId: group, dots: 5, voters: 3, rank: 1 },
				{ itemId: bench, dots: 2, voters: 2, rank: 2 }
			]
		});
		const fragment = content.getXmlFragment(visionField(textPhase.id));
		const heading = new Y.XmlElement('heading');
		heading.insert(0, [new Y.XmlText('Unser Platz')]);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('<script>alert(1)</script> Schatten')]);
		fragment.insert(0, [heading, paragraph]);
		addMeasure(content, { ...emptyMeasure, title: 'Sonnensegel' });

		const results = readClosedResults(content, control);
		const wall = results.phases.find((p) => p.id === wallPhase.id)!.wall!;
		expect(wall.groups).toEqual([
			{
				id: group,
				name: 'Verkehr',
				dots: 5,
				cards: [{ id: bus, text: 'Bus fährt selten', dots: null }]
			}
		]);
		expect(wall.loose).toEqual([{ id: bench, text: '<b>Bänke</b>', dots: 2 }]);
		expect(wall.votes.map((v) => [v.label, v.dots])).toEqual([
			['Verkehr', 5],
			['<b>Bänke</b>', 2]
		]);
		expect(results.phases.find((p) => p.id === textPhase.id)!.text).toEqual([
			{ kind: 'heading', text: 'Unser Platz' },
			{ kind: 'paragraph', text: '<script>alert(1)</script> Schatten' }
		]);
		expect(results.measures.map((m) => m.title)).toEqual(['Sonnensegel']);
	});

	test('list items keep their kind; an empty text gives no blocks', () => {
		const doc = new Y.Doc();
		expect(visionBlocks(doc.getXmlFragment('text:x'))).toEqual([]);
		const list = new Y.XmlElement('bulletList');
		const item = new Y.XmlElement('listItem');
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText('Mehr Grün')]);
		item.insert(0, [p]);
		list.insert(0, [item]);
		doc.getXmlFragment('text:x').insert(0, [list]);
		expect(visionBlocks(doc.getXmlFragment('text:x'))).toEqual([
			{ kind: 'item', text: 'Mehr Grün' }
		]);
	});
});
