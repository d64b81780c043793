package io.hybridlicense.license.domain;

/** Who asks for a status change: the rules differ for each. */
public enum Actor {
    OWNER, ADMIN, SYSTEM
}
