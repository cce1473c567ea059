import PDFDocument from 'pdfkit';
import type { ArchiveExport } from '../archive-entry';
import {
	cardsLabel,
	describeArchive,
	dotsLabel,
	type DocCanvas,
	type DocCard,
	type DocPhase,
	type DocWall,
	type DocumentSettings,
	type Documentation
} from './documentation';
import { documentFontPaths, type FontName } from './fonts';
import { wallPictureAlt } from './wall-image';

/**
 * The Dokumentation as a tagged, accessible PDF (PDF/UA-1 identification, document language,
 * structure tree with headings, lists, a table with header cells, figures with alt text; running
 * heads and page numbers marked as artifacts), written with pdfkit.
 *
 * Why pdfkit and not the HTML page printed by Chromium (`page.pdf({ tagged: true, outline: true })`):
 * pdfkit is plain JavaScript with no native parts, so it runs wherever `npm start` runs; Chromium
 * would have to be installed and started on the municipality's server for every download (hundreds
 * of MB, a sandbox to configure, a process per request). pdfkit writes the structure tree we ask
 * for, embeds a subset of a free font (Noto Sans, see fonts.ts), and makes the 500-card workshop in
 * well under a second. What it lacks, we do here: the table of contents (pages reserved up front,
 * filled once the page numbers are known) and the running heads.
 *
 * The picture of each wall is drawn as vector graphics from the canvas the export keeps: the group
 * frames with their titles and the cards where they lay at the close, with their (shortened) text
 * and dots, scaled to the page. Archives made before the export kept positions get an overview
 * instead: a box per group with its card count and dots, shaded by dots.
 */

const a4 = { width: 595.28, height: 841.89 };
const margin = { top: 78, bottom: 72, left: 64, right: 64 };
const contentWidth = a4.width - margin.left - margin.right;
const colour = {
	ink: '#1f2933',
	muted: '#52606d',
	accent: '#1d4e89',
	rule: '#c3ccd6',
	header: '#e6edf5',
	box: '#f3f6fa',
	/** Group frames and card edges as the live wall draws them (WallCanvas.svelte). */
	frame: '#1d5c63',
	cardEdge: '#6f7a80'
};
/** The tallest a wall's picture gets, so its caption and the next heading still fit below. */
const canvasMaxHeight = 560;

/** At most `max` characters, cut at a word where one is near, with an ellipsis. */
function shorten(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
const size = { body: 10.5, small: 9, h1: 26, h2: 17, h3: 13, h4: 11 };
const tocLinesPerPage = 28;

type Struct = PDFKit.PDFStructureElement;
/** pdfkit 0.20 takes these too; the community types stop at 0.17. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & {
	bbox?: [number, number, number, number];
	placement?: 'Block' | 'Inline';
};

export async function renderArchivePdf(
	exported: ArchiveExport,
	settings: DocumentSettings
): Promise<Uint8Array> {
	return writePdf(describeArchive(exported, settings));
}

export function writePdf(doc: Documentation): Promise<Uint8Array> {
	const fonts = documentFontPaths();
	const pdf = new PDFDocument({
		size: 'A4',
		margins: margin,
		bufferPages: true,
		autoFirstPage: true,
		pdfVersion: '1.7',
		tagged: true,
		lang: doc.lang,
		displayTitle: true,
		// The types list only PDF/A; pdfkit also writes the PDF/UA-1 identification (pdfuaid:part).
		subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
		// The first font pdfkit loads is the default one: ours, so no unembedded Helvetica appears.
		font: fonts.regular,
		info: {
			Title: doc.documentTitle,
			Author: doc.municipality ?? 'Quartierswerkstatt',
			Subject: doc.subject,
			Keywords: [doc.formatLabel, doc.t('archive.doc.label')].join(', '),
			Creator: 'Quartierswerkstatt',
			Producer: 'Quartierswerkstatt (pdfkit)',
			CreationDate: doc.generatedAt,
			ModDate: doc.generatedAt
		}
	});

	const chunks: Uint8Array[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		pdf.on('error', reject);
	});
	new PdfLayout(pdf, doc).write();
	pdf.end();
	return done;
}

/** pdfkit applies a default cell font too; the community types leave `font` out of the style. */
function cellStyle(
	style: PDFKit.Mixins.CellStyle & { font: { src: string; size: number } }
): PDFKit.Mixins.CellStyle {
	return style;
}

interface TocEntry {
	title: string;
	destination: string;
	page: number;
}

class PdfLayout {
	readonly #pdf: PDFKit.PDFDocument;
	readonly #doc: Documentation;
	readonly #root: Struct;
	/**
	 * Fonts are named by their file path everywhere: pdfkit caches a font under the name it was
	 * asked for, but switches back (after a table cell) by path, and a registered alias would be
	 * parsed again (600 kB) at every switch.
	 */
	readonly #fonts = documentFontPaths();
	readonly #toc: TocEntry[] = [];
	#sectionNumber = 0;

	constructor(pdf: PDFKit.PDFDocument, doc: Documentation) {
		this.#pdf = pdf;
		this.#doc = doc;
		this.#root = pdf.struct('Document');
		pdf.addStructure(this.#root);
	}

	write() {
		const pdf = this.#pdf;
		const doc = this.#doc;
		this.#titlePage();

		// The table of contents comes second but is written last, when the pages are known. Its
		// entries are known now, so its pages are reserved now.
		const tocStruct = pdf.struct('Sect');
		this.#root.add(tocStruct);
		const entries = 3 + doc.phases.length;
		const tocPages = Math.ceil(entries / tocLinesPerPage);
		const tocFirstPage = pdf.bufferedPageRange().count;
		for (let i = 0; i < tocPages; i++) pdf.addPage();

		pdf.addPage();
		this.#overview();
		for (const phase of doc.phases) this.#phase(phase);
		this.#measurePlan();
		this.#trail();

		this.#tableOfContents(tocStruct, tocFirstPage);
		this.#runningHeads();
		this.#root.end();
	}

	// --- title page --------------------------------------------------------------------------

	#titlePage() {
		const pdf = this.#pdf;
		const doc = this.#doc;
		const section = this.#section();
		this.#artifact(() => {
			pdf.rect(0, 0, a4.width, 12).fill(colour.accent);
		});

		let top = 56;
		let nameX = margin.left;
		const logo = doc.logo && doc.logo.type !== 'image/webp' ? doc.logo : null;
		if (logo) {
			const box: [number, number, number, number] = [margin.left, top, 150, 64];
			const alt = doc.municipality
				? doc.t('archive.doc.logoAlt', { name: doc.municipality })
				: doc.t('archive.doc.logoAltPlain');
			const options: StructOptions = {
				alt,
				bbox: [box[0], box[1], box[0] + box[2], box[1] + box[3]],
				placement: 'Block'
			};
			try {
				section.add(
					pdf.struct('Figure', options, () => {
						pdf.image(Buffer.from(logo.bytes), box[0], box[1], {
							fit: [box[2], box[3]],
							valign: 'center'
						});
					})
				);
				nameX = margin.left + box[2] + 18;
			} catch {
				// A logo pdfkit cannot read (settings check its bytes, but not every variant of
				// PNG) leaves the page without it rather than without a PDF.
			}
		}
		if (doc.municipality) {
			this.#tagged(
				section,
				'P',
				{ font: 'bold', size: 14, colour: colour.ink },
				doc.municipality ?? '',
				nameX,
				logo ? top + 22 : top,
				{ width: a4.width - margin.right - nameX }
			);
		}
		top = 150;
		this.#rule(top, 0.75, colour.rule);

		this.#tagged(
			section,
			'P',
			{ font: 'bold', size: 11, colour: colour.accent },
			doc.t('archive.doc.label').toUpperCase(),
			margin.left,
			250,
			{ width: contentWidth, characterSpacing: 1.5 }
		);
		pdf.moveDown(0.6);
		this.#tagged(
			section,
			'H1',
			{ font: 'bold', size: size.h1, colour: colour.ink },
			doc.title,
			margin.left,
			pdf.y,
			{ width: contentWidth, lineGap: 2 }
		);
		pdf.moveDown(0.5);
		this.#tagged(
			section,
			'P',
			{ font: 'regular', size: 14, colour: colour.muted },
			`${doc.formatLabel} · ${doc.dateLabel}`,
			margin.left,
			pdf.y,
			{ width: contentWidth }
		);
		pdf.moveDown(2);
		const facts = doc.facts.filter((f) => f.label !== doc.t('archive.doc.format'));
		this.#factTable(section, facts, 11);

		const foot = a4.height - margin.bottom - 70;
		this.#rule(foot - 12, 0.75, colour.rule);
		this.#tagged(
			section,
			'P',
			{ font: 'regular', size: size.small, colour: colour.muted },
			doc.t('archive.doc.alsoAs'),
			margin.left,
			foot,
			{ width: contentWidth }
		);
		pdf.moveDown(0.4);
		section.add(
			pdf.struct('P', {}, () => {
				pdf.text(doc.generatedLabel, margin.left, pdf.y, { width: contentWidth });
			})
		);
		section.end();
	}

	// --- sections ----------------------------------------------------------------------------

	#overview() {
		const doc = this.#doc;
		const section = this.#section();
		this.#sectionHeading(section, doc.t('archive.doc.overview'));
		if (doc.description) this.#paragraphs(section, doc.description);
		this.#factTable(section, doc.facts, size.body);
		if (doc.phaseTitles.length) {
			this.#heading(section, 3, doc.t('archive.doc.phases'));
			this.#list(
				section,
				doc.phaseTitles.map((title, i) => ({ label: `${i + 1}.`, text: title }))
			);
		}
		section.end();
	}

	#phase(phase: DocPhase) {
		const doc = this.#doc;
		const section = this.#section();
		this.#sectionHeading(section, phase.title);
		if (phase.prompt)
			this.#paragraph(section, doc.t('archive.doc.prompt', { prompt: phase.prompt }), {
				font: 'italic',
				colour: colour.muted
			});
		if (phase.wall) this.#wall(section, phase, phase.wall);
		if (phase.vision) {
			if (phase.wall) this.#heading(section, 3, doc.t('archive.doc.vision'));
			this.#vision(section, phase.vision);
		}
		section.end();
	}

	#wall(section: Struct, phase: DocPhase, wall: DocWall) {
		const doc = this.#doc;
		if (!wall.cardCount) {
			this.#paragraph(section, doc.t('archive.doc.wallEmpty'));
			return;
		}
		this.#paragraph(section, wall.summary);
		this.#wallPicture(section, phase, wall);

		this.#heading(section, 3, doc.t('archive.doc.votes'));
		if (wall.votes.length)
			this.#list(
				section,
				wall.votes.map((v) => ({
					label: `${v.rank}.`,
					text: v.label,
					note: dotsLabel(doc, v.dots)
				}))
			);
		else this.#paragraph(section, doc.t('archive.doc.noVotes'));

		this.#heading(section, 3, doc.t('archive.doc.cardsByGroup'));
		const cardItems = (cards: DocCard[]) =>
			cards.map((c) => ({ label: '•', text: c.text, note: dotsLabel(doc, c.dots) }));
		for (const group of wall.groups) {
			const note = [cardsLabel(doc, group.cards.length), dotsLabel(doc, group.dots)]
				.filter(Boolean)
				.join(' · ');
			this.#heading(section, 4, group.name, note);
			if (group.cards.length) this.#list(section, cardItems(group.cards));
			else this.#paragraph(section, doc.t('archive.doc.groupEmpty'));
		}
		if (wall.loose.length) {
			this.#heading(section, 4, doc.t('archive.doc.loose'), cardsLabel(doc, wall.loose.length));
			this.#list(section, cardItems(wall.loose));
		}
	}

	#wallPicture(section: Struct, phase: DocPhase, wall: DocWall) {
		if (wall.canvas) this.#canvasPicture(section, phase, wall, wall.canvas);
		else this.#overviewPicture(section, phase, wall);
	}

	/**
	 * The wall as it lay at the close, scaled to the page width (at most `canvasMaxHeight` tall and
	 * never larger than 0.6 of the canvas): frames with their titles and group dots under the cards,
	 * each card in its colour with its text cut to fit and its dots in a circle. A Figure whose alt
	 * text names the groups; the cards follow as lists, so nothing is only in the picture.
	 */
	#canvasPicture(section: Struct, phase: DocPhase, wall: DocWall, canvas: DocCanvas) {
		const pdf = this.#pdf;
		const doc = this.#doc;
		const pad = 8;
		const { bounds } = canvas;
		const scale = Math.min(
			(contentWidth - 2 * pad) / Math.max(1, bounds.width),
			(canvasMaxHeight - 2 * pad) / Math.max(1, bounds.height),
			0.6
		);
		const width = contentWidth;
		const height = bounds.height * scale + 2 * pad;
		const caption = canvas.cards.some((c) => c.dots)
			? doc.t('archive.doc.wallCanvasCaption')
			: doc.t('archive.doc.wallCanvasCaptionPlain');
		pdf.font(this.#fonts.regular).fontSize(size.small);
		this.#ensureSpace(height + 16 + pdf.heightOfString(caption, { width: contentWidth }));
		const top = pdf.y + 6;
		const left = margin.left + (contentWidth - width) / 2;
		const offsetX = left + pad + (width - 2 * pad - bounds.width * scale) / 2;
		const at = (x: number, y: number) => [
			offsetX + (x - bounds.x) * scale,
			top + pad + (y - bounds.y) * scale
		];
		const alt = wallPictureAlt(doc, phase, wall);
		const options: StructOptions = {
			alt,
			bbox: [left, top, left + width, top + height],
			placement: 'Block'
		};
		const cardFont = Math.min(9, Math.max(1.5, 14 * scale));
		const titleFont = Math.min(11, Math.max(2.5, 17 * scale));
		const dotRadius = Math.max(2, 13 * scale);
		section.add(
			pdf.struct('Figure', options, () => {
				pdf.save();
				pdf
					.roundedRect(left, top, width, height, 4)
					.lineWidth(0.5)
					.fillAndStroke(colour.box, colour.rule);
				pdf.restore();
				for (const frame of canvas.frames) {
					const [x, y] = at(frame.x, frame.y);
					const [w, h] = [frame.width * scale, frame.height * scale];
					pdf.save();
					pdf
						.roundedRect(x, y, w, h, 10 * scale)
						.fillOpacity(0.07)
						.fill(colour.frame);
					pdf
						.roundedRect(x, y, w, h, 10 * scale)
						.lineWidth(Math.max(0.4, 2 * scale))
						.dash(Math.max(1, 8 * scale), { space: Math.max(0.8, 4 * scale) })
						.stroke(colour.frame);
					pdf.undash();
					pdf.restore();
					const title = [frame.name, dotsLabel(doc, frame.dots)].filter(Boolean).join(' · ');
					pdf
						.font(this.#fonts.bold)
						.fontSize(titleFont)
						.fillColor(colour.frame)
						.text(title, x + 12 * scale, y + 10 * scale, {
							width: Math.max(1, w - 24 * scale),
							height: titleFont * 1.4,
							lineBreak: false,
							ellipsis: true
						});
				}
				for (const card of canvas.cards) {
					const [x, y] = at(card.x, card.y);
					const [w, h] = [card.width * scale, card.height * scale];
					pdf.save();
					pdf
						.roundedRect(x, y, w, h, 6 * scale)
						.lineWidth(Math.max(0.25, scale))
						.fillAndStroke(card.fill, colour.cardEdge);
					pdf.restore();
					const inset = 8 * scale;
					const dots = card.dots ?? 0;
					pdf
						.font(this.#fonts.regular)
						.fontSize(cardFont)
						.fillColor(colour.ink)
						.text(shorten(card.text, 160), x + inset, y + inset, {
							width: Math.max(1, w - 2 * inset),
							height: Math.max(cardFont * 1.2, h - 2 * inset - (dots ? 2 * dotRadius : 0)),
							ellipsis: true,
							lineGap: 0
						});
					if (dots > 0) {
						const cx = x + w - inset - dotRadius;
						const cy = y + h - inset - dotRadius;
						pdf.circle(cx, cy, dotRadius).fill(colour.accent);
						const label = String(dots);
						const fontSize = dotRadius * (label.length > 2 ? 0.8 : 1.1);
						pdf
							.font(this.#fonts.bold)
							.fontSize(fontSize)
							.fillColor('#ffffff')
							.text(label, cx - dotRadius, cy - fontSize * 0.62, {
								width: 2 * dotRadius,
								align: 'center',
								lineBreak: false
							});
					}
				}
			})
		);
		pdf.x = margin.left;
		pdf.y = top + height + 4;
		this.#tagged(
			section,
			'P',
			{ font: 'regular', size: size.small, colour: colour.muted },
			caption,
			margin.left,
			pdf.y,
			{ width: contentWidth }
		);
		pdf.x = margin.left;
		pdf.y += 10;
	}

	/** A box per group (at most 24 and the rest counted), shaded by the group's share of dots. */
	#overviewPicture(section: Struct, phase: DocPhase, wall: DocWall) {
		const pdf = this.#pdf;
		const doc = this.#doc;
		const boxes = [
			...wall.groups.map((g) => ({ name: g.name, cards: g.cards.length, dots: g.dots ?? 0 })),
			...(wall.loose.length
				? [{ name: doc.t('archive.doc.loose'), cards: wall.loose.length, dots: -1 }]
				: [])
		];
		if (!boxes.length) return;
		const shown = boxes.slice(0, 24);
		const columns = 3;
		const gap = 8;
		const width = (contentWidth - gap * (columns - 1)) / columns;
		const height = 50;
		const rows = Math.ceil(shown.length / columns);
		const total = rows * (height + gap) - gap;
		this.#ensureSpace(total + 24);
		const top = this.#pdf.y + 6;
		const most = Math.max(1, ...boxes.map((b) => b.dots));
		const describe = (b: (typeof boxes)[number]) =>
			[b.name, cardsLabel(doc, b.cards), b.dots > 0 ? dotsLabel(doc, b.dots) : '']
				.filter(Boolean)
				.join(', ');
		const alt = doc.t('archive.doc.wallPictureAlt', {
			phase: phase.title,
			list:
				shown.map(describe).join('; ') +
				(boxes.length > shown.length ? `; … (${boxes.length - shown.length})` : '')
		});
		const options: StructOptions = {
			alt,
			bbox: [margin.left, top, margin.left + contentWidth, top + total],
			placement: 'Block'
		};
		section.add(
			pdf.struct('Figure', options, () => {
				shown.forEach((b, i) => {
					const x = margin.left + (i % columns) * (width + gap);
					const y = top + Math.floor(i / columns) * (height + gap);
					const share = b.dots > 0 ? b.dots / most : 0;
					pdf.save();
					if (b.dots < 0) {
						pdf.rect(x, y, width, height).dash(3, { space: 2 }).lineWidth(0.75).stroke(colour.rule);
						pdf.undash();
					} else {
						pdf
							.rect(x, y, width, height)
							.fillOpacity(0.08 + share * 0.32)
							.fill(colour.accent);
						pdf.fillOpacity(1).rect(x, y, 3, height).fill(colour.accent);
					}
					pdf.restore();
					pdf
						.font(this.#fonts.bold)
						.fontSize(size.small)
						.fillColor(colour.ink)
						.text(b.name, x + 9, y + 7, { width: width - 16, height: 24, ellipsis: true });
					pdf
						.font(this.#fonts.regular)
						.fontSize(8)
						.fillColor(colour.muted)
						.text(
							[cardsLabel(doc, b.cards), b.dots > 0 ? dotsLabel(doc, b.dots) : '']
								.filter(Boolean)
								.join(' · '),
							x + 9,
							y + height - 15,
							{ width: width - 16, lineBreak: false }
						);
				});
			})
		);
		pdf.x = margin.left;
		pdf.y = top + total + 10;
	}

	#vision(section: Struct, blocks: NonNullable<DocPhase['vision']>) {
		const doc = this.#doc;
		if (!blocks.length) {
			this.#paragraph(section, doc.t('archive.doc.visionEmpty'));
			return;
		}
		let items: string[] = [];
		const flush = () => {
			if (items.length)
				this.#list(
					section,
					items.map((text) => ({ label: '•', text }))
				);
			items = [];
		};
		for (const block of blocks) {
			if (block.kind === 'item') {
				items.push(block.text);
				continue;
			}
			flush();
			if (block.kind === 'heading') this.#heading(section, 4, block.text);
			else this.#paragraph(section, block.text);
		}
		flush();
	}

	#measurePlan() {
		const pdf = this.#pdf;
		const doc = this.#doc;
		const section = this.#section();
		this.#sectionHeading(section, doc.t('archive.doc.measures'));
		const count = doc.measures.length;
		if (!count) {
			this.#paragraph(section, doc.t('archive.doc.noMeasures'));
			section.end();
			return;
		}
		this.#paragraph(
			section,
			count === 1
				? doc.t('archive.doc.measuresCountOne')
				: doc.t('archive.doc.measuresCount', { n: count })
		);
		pdf.moveDown(0.3);
		const header = [
			doc.t('archive.col.number'),
			doc.t('archive.col.measure'),
			doc.t('archive.col.responsible'),
			doc.t('archive.col.period'),
			doc.t('archive.col.status')
		].map((text) => ({
			text,
			type: 'TH' as const,
			scope: 'Column',
			font: { src: this.#fonts.bold },
			backgroundColor: colour.header
		}));
		const rows = doc.measures.map((m) => [
			m.label,
			m.title,
			[m.responsible, m.partners].filter(Boolean).join(', '),
			m.period,
			m.status
		]);
		this.#ensureSpace(60);
		const options: PDFKit.Mixins.TableOptionsWithData & { structParent: Struct } = {
			structParent: section,
			position: { x: margin.left, y: pdf.y },
			columnStyles: [34, '*', 118, 92, 62],
			defaultStyle: cellStyle({
				border: 0.5,
				borderColor: colour.rule,
				padding: [4, 5],
				font: { src: this.#fonts.regular, size: size.small },
				textColor: colour.ink
			}),
			data: [header, ...rows]
		};
		pdf.font(this.#fonts.regular).fontSize(size.small);
		pdf.table(options);
		pdf.x = margin.left;
		pdf.moveDown(1);
		section.end();
	}

	#trail() {
		const doc = this.#doc;
		const section = this.#section();
		this.#sectionHeading(section, doc.t('archive.doc.trail'));
		if (!doc.measures.length) {
			this.#paragraph(section, doc.t('archive.doc.noMeasures'));
			section.end();
			return;
		}
		this.#paragraph(section, doc.t('archive.doc.trailIntro'));
		for (const m of doc.measures) {
			this.#heading(section, 3, `${m.label} ${m.title}`, m.status);
			if (m.description) this.#paragraphs(section, m.description);
			const facts = [
				{ label: doc.t('archive.col.goals'), value: m.goals },
				{ label: doc.t('archive.col.districts'), value: m.districts },
				{ label: doc.t('archive.col.targetGroups'), value: m.targetGroups }
			].filter((f) => f.value);
			for (const fact of facts)
				this.#paragraph(section, `${fact.label}: ${fact.value}`, { colour: colour.muted });
			if (m.origin.length) {
				this.#paragraph(section, doc.t('archive.doc.trailCards'), { font: 'bold' });
				this.#list(
					section,
					m.origin.map((card) => ({
						label: '•',
						text: `„${card.text}“`,
						note: [card.where, dotsLabel(doc, card.dots)].filter(Boolean).join(' · ')
					})),
					'below'
				);
			} else this.#paragraph(section, doc.t('archive.doc.trailNone'), { colour: colour.muted });
		}
		section.end();
	}

	// --- table of contents and running heads -------------------------------------------------

	#tableOfContents(tocStruct: Struct, firstPage: number) {
		const pdf = this.#pdf;
		const doc = this.#doc;
		pdf.switchToPage(firstPage);
		pdf.x = margin.left;
		pdf.y = margin.top;
		this.#tagged(
			tocStruct,
			'H2',
			{ font: 'bold', size: size.h2, colour: colour.accent },
			doc.t('archive.doc.toc'),
			margin.left,
			margin.top,
			{ width: contentWidth }
		);
		pdf.y += 14;
		const list = pdf.struct('TOC');
		tocStruct.add(list);
		const lineHeight = 22;
		this.#toc.forEach((entry, i) => {
			if (i > 0 && i % tocLinesPerPage === 0) {
				pdf.switchToPage(firstPage + i / tocLinesPerPage);
				pdf.y = margin.top;
			}
			const y = pdf.y;
			const pageLabel = String(entry.page + 1);
			const item = pdf.struct('TOCI');
			list.add(item);
			const link = pdf.struct('Link');
			item.add(link);
			link.add(() => {
				pdf
					.font(this.#fonts.regular)
					.fontSize(size.body + 0.5)
					.fillColor(colour.ink)
					.text(entry.title, margin.left, y, {
						width: contentWidth - 50,
						lineBreak: false,
						ellipsis: true,
						height: lineHeight
					});
				pdf.text(pageLabel, margin.left + contentWidth - 40, y, {
					width: 40,
					align: 'right',
					lineBreak: false
				});
			});
			const annotation: PDFKit.Mixins.AnnotationOption & { structParent: Struct } = {
				structParent: link,
				// A String object, so pdfkit writes a PDF text string and not a name.
				Contents: new String(
					`${entry.title}, ${doc.t('archive.doc.page', { n: pageLabel, total: this.#pageCount() })}`
				) as string
			};
			pdf.goTo(margin.left, y - 2, contentWidth, lineHeight - 4, entry.destination, annotation);
			link.end();
			item.end();
			this.#artifact(() => {
				pdf
					.moveTo(margin.left, y + lineHeight - 6)
					.lineTo(margin.left + contentWidth, y + lineHeight - 6)
					.lineWidth(0.4)
					.dash(1, { space: 2 })
					.stroke(colour.rule)
					.undash();
			});
			pdf.y = y + lineHeight;
		});
		list.end();
		tocStruct.end();
	}

	#pageCount() {
		return this.#pdf.bufferedPageRange().count;
	}

	/** Municipality and title on top, "Seite n von m" below; not on the title page. */
	#runningHeads() {
		const pdf = this.#pdf;
		const doc = this.#doc;
		const total = this.#pageCount();
		const head = [doc.municipality, doc.title].filter(Boolean).join(' · ');
		for (let i = 1; i < total; i++) {
			pdf.switchToPage(i);
			// Text in the margins would make pdfkit start a new page; the margin is lifted meanwhile.
			const bottom = pdf.page.margins.bottom;
			pdf.page.margins.bottom = 0;
			this.#artifact(() => {
				pdf
					.font(this.#fonts.regular)
					.fontSize(8.5)
					.fillColor(colour.muted)
					.text(head, margin.left, 40, {
						width: contentWidth,
						lineBreak: false,
						ellipsis: true,
						height: 12
					});
				pdf
					.moveTo(margin.left, 56)
					.lineTo(a4.width - margin.right, 56)
					.lineWidth(0.5)
					.stroke(colour.rule);
				pdf.text(doc.t('archive.doc.page', { n: i + 1, total }), margin.left, a4.height - 44, {
					width: contentWidth,
					align: 'right',
					lineBreak: false
				});
			});
			pdf.page.margins.bottom = bottom;
		}
	}

	// --- building blocks ---------------------------------------------------------------------

	/**
	 * One tagged run of text: a structure element (P, H1, H2, Lbl, LBody …) under `parent` holding
	 * the text, set in the given font, size and colour at `x`, `y`.
	 */
	#tagged(
		parent: Struct,
		role: string,
		style: { font: FontName; size: number; colour: string },
		text: string,
		x: number,
		y: number,
		options: PDFKit.Mixins.TextOptions
	) {
		const pdf = this.#pdf;
		parent.add(
			pdf.struct(role, {}, () => {
				pdf
					.font(this.#fonts[style.font])
					.fontSize(style.size)
					.fillColor(style.colour)
					.text(text, x, y, options);
			})
		);
	}

	#section(): Struct {
		const section = this.#pdf.struct('Sect');
		this.#root.add(section);
		return section;
	}

	/** A numbered H2 that starts a new page, with a bookmark and a table-of-contents entry. */
	#sectionHeading(section: Struct, title: string) {
		const pdf = this.#pdf;
		if (this.#sectionNumber > 0 && pdf.y > margin.top + 1) pdf.addPage();
		this.#sectionNumber++;
		const text = `${this.#sectionNumber}  ${title}`;
		const destination = `section-${this.#sectionNumber}`;
		pdf.x = margin.left;
		pdf.y = margin.top;
		pdf.addNamedDestination(destination, 'XYZ', margin.left, margin.top, null as unknown as number);
		pdf.outline.addItem(text);
		this.#toc.push({ title: text, destination, page: this.#pageCount() - 1 });
		this.#tagged(
			section,
			'H2',
			{ font: 'bold', size: size.h2, colour: colour.accent },
			text,
			margin.left,
			pdf.y,
			{ width: contentWidth }
		);
		const y = pdf.y + 4;
		this.#rule(y, 1, colour.accent);
		pdf.y = y + 12;
	}

	/** H3/H4, kept together with the next lines; `note` follows on the same line, lighter. */
	#heading(section: Struct, level: 3 | 4, text: string, note = '') {
		const pdf = this.#pdf;
		const fontSize = level === 3 ? size.h3 : size.h4;
		pdf.font(this.#fonts.bold).fontSize(fontSize);
		const height = pdf.heightOfString(text, { width: contentWidth });
		this.#ensureSpace(height + 60, level === 3 ? 12 : 6);
		section.add(
			pdf.struct(`H${level}`, {}, () => {
				pdf
					.font(this.#fonts.bold)
					.fontSize(fontSize)
					.fillColor(level === 3 ? colour.accent : colour.ink)
					.text(text, margin.left, pdf.y, { width: contentWidth, continued: Boolean(note) });
				if (note)
					pdf
						.font(this.#fonts.regular)
						.fillColor(colour.muted)
						.text(`  ·  ${note}`, { width: contentWidth });
			})
		);
		pdf.y += level === 3 ? 5 : 3;
	}

	#paragraph(
		section: Struct,
		text: string,
		style: { font?: 'regular' | 'bold' | 'italic'; colour?: string } = {}
	) {
		const pdf = this.#pdf;
		pdf.font(this.#fonts[style.font ?? 'regular']).fontSize(size.body);
		this.#ensureSpace(Math.min(pdf.heightOfString(text, { width: contentWidth }), 40));
		this.#tagged(
			section,
			'P',
			{ font: style.font ?? 'regular', size: size.body, colour: style.colour ?? colour.ink },
			text,
			margin.left,
			pdf.y,
			{ width: contentWidth, lineGap: 1.5 }
		);
		pdf.y += 5;
	}

	#paragraphs(section: Struct, text: string) {
		for (const part of text.split(/\n\s*\n|\n/))
			if (part.trim()) this.#paragraph(section, part.trim());
	}

	/**
	 * L > LI > Lbl + LBody, each item kept on one page when it fits on one. A short note (dots)
	 * stands right-aligned beside the text, a long one (where a card sat) in a line below it.
	 */
	#list(
		section: Struct,
		items: { label: string; text: string; note?: string }[],
		notes: 'beside' | 'below' = 'beside'
	) {
		const pdf = this.#pdf;
		const list = pdf.struct('L');
		section.add(list);
		const indent = 22;
		const noteWidth = notes === 'beside' && items.some((i) => i.note) ? 72 : 0;
		const width = contentWidth - indent - noteWidth;
		for (const item of items) {
			pdf.font(this.#fonts.regular).fontSize(size.body);
			let height = pdf.heightOfString(item.text, { width, lineGap: 1 });
			if (item.note && notes === 'below') {
				pdf.fontSize(size.small);
				height += pdf.heightOfString(item.note, { width });
			}
			this.#ensureSpace(height + 2);
			const y = pdf.y;
			const li = pdf.struct('LI');
			list.add(li);
			this.#tagged(
				li,
				'Lbl',
				{ font: 'regular', size: size.body, colour: colour.muted },
				item.label,
				margin.left + 4,
				y,
				{ width: indent - 4, lineBreak: false }
			);
			li.add(
				pdf.struct('LBody', {}, () => {
					pdf
						.font(this.#fonts.regular)
						.fontSize(size.body)
						.fillColor(colour.ink)
						.text(item.text, margin.left + indent, y, { width, lineGap: 1 });
					if (!item.note) return;
					const end = pdf.y;
					pdf.fontSize(size.small).fillColor(colour.muted);
					if (notes === 'below') pdf.text(item.note, margin.left + indent, end, { width });
					else {
						pdf.text(item.note, margin.left + indent + width, y + 1.5, {
							width: noteWidth,
							align: 'right',
							lineBreak: false
						});
						pdf.y = end;
					}
				})
			);
			li.end();
			pdf.y += notes === 'below' ? 5 : 3;
		}
		list.end();
		pdf.x = margin.left;
		pdf.y += 4;
	}

	/** Label and value pairs as a two-column table with row headers. */
	#factTable(section: Struct, facts: { label: string; value: string }[], fontSize: number) {
		const pdf = this.#pdf;
		this.#ensureSpace(facts.length * (fontSize + 10));
		const options: PDFKit.Mixins.TableOptionsWithData & { structParent: Struct } = {
			structParent: section,
			position: { x: margin.left, y: pdf.y },
			columnStyles: [130, '*'],
			defaultStyle: cellStyle({
				border: [0, 0, 0.5, 0],
				borderColor: colour.rule,
				padding: [5, 4],
				font: { src: this.#fonts.regular, size: fontSize },
				textColor: colour.ink
			}),
			data: facts.map((f) => [
				{
					text: f.label,
					type: 'TH',
					scope: 'Row',
					font: { src: this.#fonts.bold, size: fontSize },
					textColor: colour.muted
				},
				f.value
			])
		};
		pdf.font(this.#fonts.regular).fontSize(fontSize);
		pdf.table(options);
		pdf.x = margin.left;
		pdf.moveDown(1);
	}

	/** A line across the text width at `y`, drawn as an artifact. */
	#rule(y: number, width: number, stroke: string) {
		this.#artifact(() => {
			this.#pdf
				.moveTo(margin.left, y)
				.lineTo(a4.width - margin.right, y)
				.lineWidth(width)
				.stroke(stroke);
		});
	}

	/** Drawing that carries no content (rules, bars, running heads): an artifact, never read out. */
	#artifact(draw: () => void) {
		this.#pdf.markContent('Artifact');
		draw();
		this.#pdf.endMarkedContent();
	}

	/** Starts a new page unless `height` fits below the current position (after `before`). */
	#ensureSpace(height: number, before = 0) {
		const pdf = this.#pdf;
		const bottom = a4.height - margin.bottom;
		const pageHeight = bottom - margin.top;
		if (pdf.y + before + Math.min(height, pageHeight) > bottom) {
			pdf.addPage();
			pdf.x = margin.left;
			pdf.y = margin.top;
		} else if (pdf.y > margin.top + 1) pdf.y += before;
	}
}
