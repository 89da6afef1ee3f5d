package dev.rampart.policy;

import dev.rampart.core.path.PathTemplate;
import java.util.List;
import java.util.Set;

/** One {@code policy.routes} entry: methods (empty: any) and path template to permissions. */
record PolicyRoute(Set<String> methods, PathTemplate template, List<Permission> permissions) {
}
