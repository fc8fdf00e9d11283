export * from './builtInChargeRules';
export * from './matching';
export * from './propose';
export * from './sectors';
export * from './types';
export * from './validate';
