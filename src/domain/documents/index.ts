export * from './types';
export * from './numbering';
export * from './templates';
export * from './lines';
