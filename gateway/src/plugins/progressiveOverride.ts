/**
 * Progressive @override (`@override(from: "icar", label: "percent(25)")`). Stock @apollo/gateway
 * plans every label as off, so a field never moves; we decide each label per request and plan
 * with it: `percent(N)` is on for N% of requests unless the operator forces it on or off
 * (OVERRIDE_LABELS). Query plans are cached per set of active labels.
 */
export interface OverrideLabelPolicy {
  /** Every label the supergraph uses. */
  labels: string[];
  /** Which labels are on for one request. */
  decide(): Map<string, boolean>;
}

const PERCENT = /^percent\((\d{1,3}(?:\.\d+)?)\)$/;

/** The distinct override labels in a supergraph SDL. */
export function overrideLabelsIn(supergraphSdl: string): string[] {
  const labels = new Set<string>();
  for (const match of supergraphSdl.matchAll(/overrideLabel:\s*"([^"]+)"/g)) labels.add(match[1]!);
  return [...labels].sort();
}

export function createOverrideLabelPolicy(labels: string[], forced: Record<string, boolean>, random: () => number = Math.random): OverrideLabelPolicy {
  return {
    labels,
    decide() {
      const result = new Map<string, boolean>();
      for (const label of labels) {
        if (label in forced) result.set(label, forced[label]!);
        else {
          const percent = PERCENT.exec(label);
          result.set(label, percent ? random() * 100 < Number(percent[1]) : false);
        }
      }
      return result;
    },
  };
}

/** A short, stable key of the labels that are on, for the query plan cache. */
export function activeLabelKey(decision: Map<string, boolean>): string {
  return [...decision].filter(([, on]) => on).map(([label]) => label).sort().join(',');
}
