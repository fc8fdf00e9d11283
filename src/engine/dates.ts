// Calendar arithmetic lives in src/domain/calendar/isoDate.ts; these names are kept for the
// synthetic data generator.
export { addDays as shiftDays, addMonths, isIsoDate } from '../domain/calendar/isoDate.js';
