/** UI text: the facilitator's controls (phases, timer, lock, follow-me, vote set-up). */
export const facilitationDe = {} as const;

export const facilitationEn: Record<keyof typeof facilitationDe, string> = {};
