/**
 * One numbered schema migration. Never edit a released migration: add a new
 * one with the next number.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}
