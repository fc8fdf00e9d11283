import type { FormRule } from 'antd';
import { isStrongPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/password';
import { ApiError } from './api/client';

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function same(a: unknown, b: unknown): boolean {
  return isBlank(a) ? isBlank(b) : JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What a PATCH sends: the fields of `values` that differ from `baseline`, a cleared field as
 * null (the API's "remove"; such fields are typed `| null`). Sending only changes keeps masked
 * values (phone numbers) from being written back, and keeps two editors of different fields
 * out of each other's way.
 */
export function patchOf<T extends object>(values: T, baseline: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([name, value]) => !same(value, baseline[name as keyof T]))
      .map(([name, value]) => [name, isBlank(value) ? null : value]),
  ) as Partial<T>;
}

/** Form values for a POST: optional fields left empty are left out. */
export function withoutBlanks<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !isBlank(value))) as T;
}

/** The record as it is now on the server, when a save lost an optimistic-locking race. */
export function conflictCurrent<T>(error: unknown): T | null {
  return error instanceof ApiError && error.status === 409 && error.current ? (error.current as T) : null;
}

/** The password rule of `domain/password`, checked before the server is asked. */
export function strongPassword(message: string): FormRule {
  return {
    validator: (_, value: unknown) =>
      !value || isStrongPassword(String(value)) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

export const PASSWORD_RULE_PARAMS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/** Rule for a "confirm password" field that must repeat the form's `newPassword`. */
export function repeatsNewPassword(message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, value: unknown) =>
      !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(message)),
  });
}
