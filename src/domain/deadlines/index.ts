export * from './clockLog';
export * from './clocks';
export { computeDue, explainDue, remainingUnit, type DueExplanation, type DueStep, type RemainingUnit } from './due';
export * from './status';
