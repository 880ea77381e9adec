package dev.llmcost.agent.pricing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a price table (see prices.json) and checks it strictly: a typo in an override must not
 * silently price calls at zero. Streaming, not data binding, so that every complaint carries the
 * line it is about and start-up stays cheap.
 */
final class PriceTableReader {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String UNIT = "per 1M tokens";
  private static final String TABLE = "the table";

  private final JsonParser parser;
  private final String file;
  private String date;
  private final List<RawEntry> entries = new ArrayList<>();
  private final Map<String, String> providerFallbacks = new HashMap<>();

  private PriceTableReader(JsonParser parser, String file) {
    this.parser = parser;
    this.file = file;
  }

  /**
   * @param file the name used in error messages and, for a non-bundled table, in cost sources
   * @param bundled true for the table shipped in the agent jar: costs then name its date (a
   *     file's costs name it when the file has one)
   */
  static PriceTable read(InputStream in, String file, boolean bundled) throws PriceTableException {
    try (JsonParser parser = JSON.createParser(in)) {
      PriceTableReader reader = new PriceTableReader(parser, file);
      reader.readTable();
      // String.concat, not '+': indy string concatenation costs milliseconds at agent start.
      String origin = bundled ? "bundled ".concat(reader.date != null ? reader.date : "undated")
          : reader.date != null ? "file ".concat(file).concat(" ").concat(reader.date)
          : "file ".concat(file);
      return reader.build(origin);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
      throw new PriceTableException(file, line,
          "not valid JSON: " + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new PriceTableException(file, 0, "cannot be read: " + oneLine(String.valueOf(e)));
    }
  }

  private void readTable() throws IOException, PriceTableException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw fail("the table must be a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "date" -> date = text(field, TABLE);
        case "source", "notes" -> skipTextOrTexts(field);
        case "currency" -> {
          if (!"USD".equals(text(field, TABLE))) {
            throw fail("currency must be \"USD\"");
          }
        }
        case "unit" -> {
          if (!UNIT.equals(text(field, TABLE))) {
            throw fail("unit must be \"" + UNIT + "\"");
          }
        }
        case "provider_fallbacks" -> readFallbacks();
        case "models" -> readModels();
        default -> skipCommentOrFail(field, TABLE);
      }
    }
    if (parser.nextToken() != null) {
      throw fail("unexpected content after the table");
    }
  }

  private void readFallbacks() throws IOException, PriceTableException {
    expectObject("provider_fallbacks", TABLE);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String from = parser.currentName().toLowerCase(Locale.ROOT);
      parser.nextToken();
      providerFallbacks.put(from, text(from, "provider_fallbacks").toLowerCase(Locale.ROOT));
    }
  }

  private void readModels() throws IOException, PriceTableException {
    expectObject("models", TABLE);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName().toLowerCase(Locale.ROOT).trim();
      int slash = key.indexOf('/');
      if (slash <= 0 || slash == key.length() - 1) {
        throw fail("model key \"" + key + "\" must be provider/model, e.g. openai/gpt-4o");
      }
      parser.nextToken();
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw fail(key + " must be an object of prices");
      }
      RawEntry entry = new RawEntry(key, line());
      readPrices(entry.prices, key, false);
      entry.aliases = entry.prices.aliases;
      entries.add(entry);
    }
  }

  /**
   * Reads one object of prices: a model entry, or (inTier) its long-context tier. Messages are
   * only built when something is wrong, to keep the happy path free of string building.
   */
  private void readPrices(RawPrices prices, String key, boolean inTier)
      throws IOException, PriceTableException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "input" -> prices.input = price(field, key, inTier);
        case "output" -> prices.output = price(field, key, inTier);
        case "cache_read" -> prices.cacheRead = price(field, key, inTier);
        case "cache_write" -> prices.cacheWrite = price(field, key, inTier);
        case "cache_write_5m" -> prices.cacheWrite5m = price(field, key, inTier);
        case "cache_write_1h" -> prices.cacheWrite1h = price(field, key, inTier);
        case "above_input_tokens" -> {
          if (!inTier) {
            throw fail("above_input_tokens belongs inside long_context of " + key);
          }
          prices.aboveInputTokens = positiveInteger(field, key);
        }
        case "batch_discount" -> {
          double d = number(field, key, inTier);
          if (inTier || d < 0 || d >= 1) {
            throw fail(where(field, key, inTier)
                + " must be a fraction from 0 up to (not including) 1 on the entry itself");
          }
          prices.batchDiscount = d;
        }
        case "long_context" -> {
          if (inTier) {
            throw fail("long_context cannot be nested in " + key);
          }
          expectObject(field, key);
          prices.longContextLine = line();
          prices.longContext = new RawPrices();
          readPrices(prices.longContext, key, true);
        }
        case "aliases" -> {
          if (inTier) {
            throw fail("aliases belong on the entry itself, not in long_context of " + key);
          }
          prices.aliases = texts(field, key);
        }
        case "note" -> text(field, key);
        default -> skipCommentOrFail(field, key);
      }
    }
  }

  private static String where(String field, String key, boolean inTier) {
    return "\"" + field + "\" of " + key + (inTier ? " long_context" : "");
  }

  private PriceTable build(String origin) throws PriceTableException {
    Map<String, ModelPrice> models = new HashMap<>();
    Map<String, String> aliases = new HashMap<>();
    for (RawEntry e : entries) {
      RawPrices p = e.prices;
      require(p.input, "input", e.key, e.line);
      require(p.output, "output", e.key, e.line);
      Rates base = baseRates(p);
      long above = 0;
      Rates longRates = null;
      if (p.longContext != null) {
        RawPrices t = p.longContext;
        if (t.aboveInputTokens == null) {
          throw new PriceTableException(file, p.longContextLine,
              e.key + " long_context needs above_input_tokens");
        }
        require(t.input, "input", e.key, p.longContextLine);
        require(t.output, "output", e.key, p.longContextLine);
        above = t.aboveInputTokens;
        longRates = tierRates(t, base);
      }
      models.put(e.key, new ModelPrice(e.key, origin, base, above, longRates, p.batchDiscount));
      String provider = e.key.substring(0, e.key.indexOf('/'));
      for (String alias : e.aliases) {
        aliases.put(provider.concat("/").concat(alias.toLowerCase(Locale.ROOT).trim()), e.key);
      }
    }
    return new PriceTable(origin, Map.copyOf(models), Map.copyOf(aliases),
        Map.copyOf(providerFallbacks));
  }

  /** Missing cache prices bill at the input price; one cache_write price serves both TTLs. */
  private static Rates baseRates(RawPrices p) {
    double write = p.cacheWrite != null ? p.cacheWrite : p.input;
    return new Rates(p.input, p.output,
        p.cacheRead != null ? p.cacheRead : p.input,
        p.cacheWrite5m != null ? p.cacheWrite5m : write,
        p.cacheWrite1h != null ? p.cacheWrite1h : write);
  }

  /** Tier cache prices left out keep the base entry's ratio to input: caching multipliers stack. */
  private static Rates tierRates(RawPrices t, Rates base) {
    double scale = base.input() > 0 ? t.input / base.input() : 1.0;
    double write5m = t.cacheWrite5m != null ? t.cacheWrite5m
        : t.cacheWrite != null ? t.cacheWrite : base.cacheWrite5m() * scale;
    double write1h = t.cacheWrite1h != null ? t.cacheWrite1h
        : t.cacheWrite != null ? t.cacheWrite : base.cacheWrite1h() * scale;
    double read = t.cacheRead != null ? t.cacheRead : base.cacheRead() * scale;
    return new Rates(t.input, t.output, read, write5m, write1h);
  }

  private void require(Double value, String field, String key, int line)
      throws PriceTableException {
    if (value == null) {
      throw new PriceTableException(file, line, key + " has no \"" + field + "\" price");
    }
  }

  private double price(String field, String key, boolean inTier)
      throws IOException, PriceTableException {
    double value = number(field, key, inTier);
    if (value < 0) {
      throw fail(where(field, key, inTier) + " is negative (" + parser.getText() + ")");
    }
    return value;
  }

  private double number(String field, String key, boolean inTier)
      throws IOException, PriceTableException {
    JsonToken t = parser.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw fail(where(field, key, inTier) + " must be a number, not " + describe(t));
    }
    double value = parser.getDoubleValue();
    if (Double.isInfinite(value)) {
      throw fail(where(field, key, inTier) + " is too large");
    }
    return value;
  }

  private long positiveInteger(String field, String key) throws IOException, PriceTableException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() <= 0) {
      throw fail(where(field, key, true) + " must be a positive whole number of tokens");
    }
    return parser.getLongValue();
  }

  private String text(String field, String key) throws IOException, PriceTableException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw fail(where(field, key, false) + " must be a string, not "
          + describe(parser.currentToken()));
    }
    return parser.getText();
  }

  private List<String> texts(String field, String key) throws IOException, PriceTableException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw fail(where(field, key, false) + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      out.add(text(field, key));
    }
    return out;
  }

  private void expectObject(String field, String key) throws PriceTableException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw fail(where(field, key, false) + " must be an object, not "
          + describe(parser.currentToken()));
    }
  }

  private void skipCommentOrFail(String field, String key) throws IOException, PriceTableException {
    if (!field.startsWith("_")) {
      throw fail("unknown field \"" + field + "\" in " + key);
    }
    parser.skipChildren();
  }

  private void skipTextOrTexts(String field) throws IOException, PriceTableException {
    if (parser.currentToken() == JsonToken.START_ARRAY) {
      texts(field, TABLE);
    } else {
      text(field, TABLE);
    }
  }

  private PriceTableException fail(String reason) {
    return new PriceTableException(file, line(), reason);
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      default -> t.toString();
    };
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  private static final class RawEntry {
    final String key;
    final int line;
    final RawPrices prices = new RawPrices();
    List<String> aliases = List.of();

    RawEntry(String key, int line) {
      this.key = key;
      this.line = line;
    }
  }

  private static final class RawPrices {
    Double input;
    Double output;
    Double cacheRead;
    Double cacheWrite;
    Double cacheWrite5m;
    Double cacheWrite1h;
    Double batchDiscount;
    Long aboveInputTokens;
    RawPrices longContext;
    int longContextLine;
    List<String> aliases = List.of();
  }
}
