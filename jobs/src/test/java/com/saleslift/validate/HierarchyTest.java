package com.saleslift.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HierarchyTest {
  @Test
  void teamsHoldEveryoneBelowTheRepAndTheRep() {
    Map<String, String> managerOf = new HashMap<>();
    managerOf.put("D", null);
    managerOf.put("M", "D");
    managerOf.put("E", "M");
    managerOf.put("S", "E");
    managerOf.put("M2", "D");
    Hierarchy h = new Hierarchy(managerOf);
    assertThat(h.cycle()).isEmpty();
    assertThat(h.teams().get("D")).containsExactlyInAnyOrder("D", "M", "E", "S", "M2");
    assertThat(h.teams().get("M")).containsExactlyInAnyOrder("M", "E", "S");
    assertThat(h.teams().get("S")).containsExactly("S");
  }

  @Test
  void findsACycle() {
    Map<String, String> managerOf = new HashMap<>(Map.of("A", "B", "B", "C", "C", "A"));
    managerOf.put("D", null);
    assertThat(new Hierarchy(managerOf).cycle()).hasValueSatisfying(c -> assertThat(c).hasSize(3).containsExactlyInAnyOrder("A", "B", "C"));
    assertThat(new Hierarchy(Map.of("A", "A")).cycle()).contains(List.of("A"));
  }
}
