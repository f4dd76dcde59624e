package com.saleslift.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sales hierarchy (rep -> manager). Small enough to hold on the driver: one row per rep.
 * Knows its cycles and, for each rep, the team below it (the rep included).
 */
public final class Hierarchy {
  private final Map<String, String> managerOf;

  public Hierarchy(Map<String, String> managerOf) {
    this.managerOf = new TreeMap<>(managerOf);
  }

  /** A cycle, as the rep ids along it in order, if the manager links have one. */
  public Optional<List<String>> cycle() {
    Set<String> cleared = new java.util.HashSet<>();
    for (String start : managerOf.keySet()) {
      List<String> path = new ArrayList<>();
      Set<String> onPath = new LinkedHashSet<>();
      String at = start;
      while (at != null && !cleared.contains(at)) {
        if (!onPath.add(at)) {
          return Optional.of(new ArrayList<>(path.subList(path.indexOf(at), path.size())));
        }
        path.add(at);
        at = managerOf.get(at);
      }
      cleared.addAll(onPath);
    }
    return Optional.empty();
  }

  /** (manager, member) for every rep and everyone below it, each rep also its own member. */
  public Map<String, List<String>> teams() {
    Map<String, List<String>> teams = new TreeMap<>();
    Map<String, String> up = new HashMap<>(managerOf);
    for (String rep : managerOf.keySet()) {
      for (String at = rep; at != null; at = up.get(at)) {
        teams.computeIfAbsent(at, k -> new ArrayList<>()).add(rep);
      }
    }
    return teams;
  }
}
