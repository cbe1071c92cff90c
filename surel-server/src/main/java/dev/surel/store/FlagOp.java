package dev.surel.store;

/** How a flag update applies (RFC 9051 §6.4.6 STORE FLAGS, +FLAGS, -FLAGS). */
public enum FlagOp { REPLACE, ADD, REMOVE }
