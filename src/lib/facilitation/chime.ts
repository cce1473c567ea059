/**
 * The soft tone when the time is up. Browsers let a page play sound only after the person has
 * interacted with it; we never try to get around that. `prime` runs inside a click or key press
 * and creates (or wakes) the audio context; `play` sounds only if the browser reports it running.
 * Nothing here throws: a missing or blocked audio device must never break the workshop screen.
 */
export type AudioContextFactory = () => AudioContext;

const notes = [
	{ hz: 659.25, at: 0 },
	{ hz: 880, at: 0.28 }
];
/** Quiet on purpose: it is a hint for a room of people, not an alarm. */
const peakGain = 0.06;
const noteSeconds = 0.6;

function browserFactory(): AudioContextFactory | null {
	const Constructor =
		typeof window === 'undefined'
			? undefined
			: (window.AudioContext ??
				(window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
	return Constructor ? () => new Constructor() : null;
}

export class Chime {
	#context: AudioContext | null = null;
	readonly #create: AudioContextFactory | null;

	constructor(create: AudioContextFactory | null = browserFactory()) {
		this.#create = create;
	}

	/** Call from a user gesture; later calls only wake a context the browser has suspended. */
	prime(): void {
		try {
			if (!this.#context && this.#create) this.#context = this.#create();
			if (this.#context?.state === 'suspended') void this.#context.resume().catch(() => {});
		} catch {
			this.#context = null;
		}
	}

	/** True if the tone was scheduled. */
	play(): boolean {
		const context = this.#context;
		if (!context || context.state !== 'running') return false;
		try {
			const start = context.currentTime;
			for (const note of notes) {
				const oscillator = context.createOscillator();
				const gain = context.createGain();
				oscillator.type = 'sine';
				oscillator.frequency.value = note.hz;
				// Ramps rather than steps: an abrupt start or stop clicks in the speaker.
				gain.gain.setValueAtTime(0.0001, start + note.at);
				gain.gain.exponentialRampToValueAtTime(peakGain, start + note.at + 0.03);
				gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + noteSeconds);
				oscillator.connect(gain);
				gain.connect(context.destination);
				oscillator.start(start + note.at);
				oscillator.stop(start + note.at + noteSeconds + 0.05);
			}
			return true;
		} catch {
			return false;
		}
	}

	close(): void {
		const context = this.#context;
		this.#context = null;
		try {
			void context?.close().catch(() => {});
		} catch {
			// Already closed or never usable: nothing to release.
		}
	}
}
