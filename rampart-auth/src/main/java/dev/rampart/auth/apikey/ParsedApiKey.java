package dev.rampart.auth.apikey;

/** What {@link ApiKeyFormat#parse(String)} makes of a presented string. */
public sealed interface ParsedApiKey permits PresentedKey, UnreadableApiKey {}
