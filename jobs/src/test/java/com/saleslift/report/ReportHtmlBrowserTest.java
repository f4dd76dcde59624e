package com.saleslift.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * report.html of {@link ReportFixture} in headless Chromium (Debian's chromium and chromium-driver,
 * the driver given by path: nothing is downloaded), from file://. Every answer below was counted
 * by hand from the fixture.
 */
class ReportHtmlBrowserTest {
  @TempDir
  static Path dir;
  private static ChromeDriver browser;
  private static String url;

  @BeforeAll
  static void open() throws Exception {
    Path file = dir.resolve("report.html");
    ReportHtml.write(ReportFixture.data(true), true, file);
    url = file.toUri().toString();
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static void load(String fragment) {
    browser.get(url + fragment);
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
  }

  /** The cells of the column named {@code name}, top to bottom, of the table shown in {@code host}. */
  private static List<String> column(WebElement host, String name) {
    List<String> headers = host.findElements(By.cssSelector("table.data th")).stream().map(th -> th.getAttribute("data-column")).toList();
    int index = headers.indexOf(name);
    return host.findElements(By.cssSelector("table.data tbody tr")).stream()
        .map(r -> r.findElements(By.tagName("td")).get(index).getText()).toList();
  }

  private static WebElement tableOf(String name) {
    return browser.findElement(By.cssSelector("div.table[data-table=" + name + "]"));
  }

  private static void openSection(String id) {
    browser.findElement(By.cssSelector("#sections a[data-section=" + id + "]")).click();
  }

  /** Clicks the bar whose key is {@code ref}, as a reader's mouse would (the event starts at the bar's shape). */
  private static void clickBar(String chart, String rowKey, String columnKey) {
    WebElement bar = browser.findElements(By.cssSelector("figure[data-chart=" + chart + "] g[jfreesvg\\:ref]")).stream()
        .filter(g -> g.getAttribute("jfreesvg:ref").equals("{\"rowKey\": \"" + rowKey + "\", \"columnKey\": \"" + columnKey + "\"}"))
        .findFirst().orElseThrow();
    ((JavascriptExecutor) browser).executeScript(
        "(arguments[0].querySelector('*') || arguments[0]).dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar);
  }

  private static List<String> drilled() {
    return column(browser.findElement(By.id("drill-table")), "account_id");
  }

  @Test
  void theReportAnswersAsCountedByHand() {
    long started = System.nanoTime();
    load("");
    System.out.printf("report.html: load to ready %d ms (page's own clock %s ms)%n", (System.nanoTime() - started) / 1_000_000,
        browser.findElement(By.tagName("body")).getAttribute("data-ready"));

    // Every section opens, and only it shows.
    for (WebElement link : browser.findElements(By.cssSelector("#sections a"))) {
      String id = link.getAttribute("data-section");
      openSection(id);
      assertThat(browser.findElements(By.cssSelector("main > section")).stream().filter(WebElement::isDisplayed)
          .map(s -> s.getAttribute("id")).toList()).as(id).containsExactly(id);
    }

    // Sort the at-risk list by MRR, both ways.
    openSection("sales-performance");
    WebElement risk = tableOf("accounts_at_risk");
    risk.findElement(By.cssSelector("th[data-column=mrr]")).click();
    assertThat(column(tableOf("accounts_at_risk"), "account_id")).containsExactly("R4", "R3", "R2", "R1");
    tableOf("accounts_at_risk").findElement(By.cssSelector("th[data-column=mrr]")).click();
    assertThat(column(tableOf("accounts_at_risk"), "account_id")).containsExactly("R1", "R2", "R3", "R4");

    // Filter by segment: one B2C account at risk, none to engage; then clear.
    new Select(browser.findElement(By.cssSelector("select[data-filter=segment]"))).selectByValue("B2C");
    assertThat(column(tableOf("accounts_at_risk"), "account_id")).containsExactly("R3");
    assertThat(column(tableOf("accounts_to_engage"), "account_id")).isEmpty();
    assertThat(tableOf("accounts_at_risk").findElement(By.className("count")).getText()).isEqualTo("1 of 4 rows of accounts_at_risk");
    browser.findElement(By.id("clear-filters")).click();
    assertThat(column(tableOf("accounts_at_risk"), "account_id")).containsExactly("R1", "R2", "R3", "R4");

    // A bar of "Who to act on next": the three B2B mid-size accounts, names as text.
    clickBar("who-to-act-on-next", "Accounts worth a touch now", "B2B mid-size, +30.0 pts");
    assertThat(drilled()).containsExactly("A1", "A2", "A3");
    assertThat(column(browser.findElement(By.id("drill-table")), "account_name"))
        .containsExactly(ReportFixture.AMPERSAND_NAME, ReportFixture.SCRIPT_NAME, ReportFixture.QUOTE_NAME);
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();

    // A bar of "MRR at risk": B2B accounts with a usage drop; its tooltip says its exact MRR and how many accounts.
    clickBar("mrr-at-risk-by-signal", "B2B", "Usage halved");
    assertThat(drilled()).containsExactly("R1", "R4");
    ((JavascriptExecutor) browser).executeScript("var g = Array.from(document.querySelectorAll("
        + "'figure[data-chart=mrr-at-risk-by-signal] g[jfreesvg\\\\:ref]')).filter(function (e) {"
        + " return e.getAttribute('jfreesvg:ref') === '{\"rowKey\": \"B2B\", \"columnKey\": \"Usage halved\"}'; })[0];"
        + " (g.querySelector('*') || g).dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: 200, clientY: 200}));");
    assertThat(browser.findElement(By.id("tooltip")).getText()).isEqualTo("Usage halved, B2B: 600 \u00b7 n = 2 accounts");

    // A row of the sales-lift chart: B2B mid-size's interval.
    openSection("where-sales-adds-value");
    clickBar("where-sales-adds-value", "CONVERTED_180D", "B2B mid-size");
    assertThat(drilled()).containsExactly("A1", "A2", "A3");

    // A row of the sales-lift table: B2B all sizes is every account to engage.
    openSection("where-sales-adds-value");
    List<WebElement> liftRows = tableOf("sales_lift").findElements(By.cssSelector("tbody tr"));
    liftRows.get(0).click();
    assertThat(drilled()).containsExactly("A4", "A5", "A1", "A2", "A3");
    tableOf("sales_lift").findElements(By.cssSelector("tbody tr")).get(1).click();
    assertThat(drilled()).containsExactly("A1", "A2", "A3");

    // The address holds the view: a reload with it shows the same section, filter, sort and drill-down.
    openSection("sales-performance");
    new Select(browser.findElement(By.cssSelector("select[data-filter=segment]"))).selectByValue("B2B");
    tableOf("accounts_at_risk").findElement(By.cssSelector("th[data-column=mrr]")).click();
    clickBar("mrr-at-risk-by-signal", "B2B", "Usage halved");
    String address = browser.getCurrentUrl();
    assertThat(address).contains("section=sales-performance", "segment=B2B", "sort.accounts_at_risk=mrr");
    browser.navigate().refresh();
    load(address.substring(address.indexOf('#')));
    assertThat(browser.findElement(By.id("sales-performance")).isDisplayed()).isTrue();
    assertThat(new Select(browser.findElement(By.cssSelector("select[data-filter=segment]"))).getFirstSelectedOption().getText())
        .isEqualTo("B2B");
    assertThat(column(tableOf("accounts_at_risk"), "account_id")).containsExactly("R4", "R2", "R1");
    assertThat(drilled()).containsExactly("R4", "R1");

    // Download the filtered rows: the CSV holds exactly the rows shown.
    WebElement download = tableOf("accounts_at_risk").findElement(By.className("download"));
    download.click();
    String href = download.getAttribute("href");
    assertThat(href).startsWith("data:text/csv;charset=utf-8,");
    List<String> lines = URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("account_id,account_name,");
    assertThat(lines.subList(1, 4)).extracting(l -> l.substring(0, 2)).containsExactly("R4", "R2", "R1");

    // No error on the console, no request but the file itself.
    List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
    assertThat(console).noneMatch(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue());
    List<String> requested = browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage)
        .filter(m -> m.contains("\"Network.requestWillBeSent\"")).toList();
    assertThat(requested).isNotEmpty().allSatisfy(m -> assertThat(m).containsPattern("\"url\":\"(file:|data:)"));
  }
}
