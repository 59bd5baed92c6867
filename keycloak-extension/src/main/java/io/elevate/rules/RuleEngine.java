package io.elevate.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.validator.CelValidator;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles and evaluates rules in the Common Expression Language (CEL): a typed, side-effect free language that is not
 * Turing-complete (no loops or recursion; the macros iterate over finite lists), so every evaluation ends. Elevate bounds
 * it further: an expression has at most {@link #MAX_EXPRESSION} code points, a macro at most
 * {@link #MAX_ITERATIONS} iterations, and an evaluation at most {@link #MAX_STEPS} evaluated sub-expressions, or it
 * is an error (which fails closed, see {@link CompiledRule}). One environment, built once, thread-safe.
 */
public final class RuleEngine {

    public static final int MAX_EXPRESSION = 2048;
    static final int MAX_ITERATIONS = 1000;
    static final int MAX_STEPS = 10_000;

    /** Every variable an expression may name, with its CEL type, in documentation order. */
    public static final Map<String, CelType> VARIABLES = variables();

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS)
                    .maxExpressionCodePointSize(MAX_EXPRESSION).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVarDeclarations(VARIABLES.entrySet().stream()
                    .map(e -> CelVarDecl.newVarDeclaration(e.getKey(), e.getValue())).toList())
            .setResultType(SimpleType.BOOL)
            .build();
    /**
     * CEL's own checks of the durations and timestamps an expression writes as literals ({@code duration('30 m')}),
     * which the type checker lets through: each is read as evaluating it would, so a bad one is refused when saved.
     */
    private static final CelValidator LITERALS = CelValidatorFactory.standardCelValidatorBuilder(CEL)
            .addAstValidators(DurationLiteralValidator.INSTANCE, TimestampLiteralValidator.INSTANCE)
            .build();

    private RuleEngine() {
    }

    private static Map<String, CelType> variables() {
        Map<String, CelType> vars = new LinkedHashMap<>();
        vars.put("requester.id", SimpleType.STRING);
        vars.put("requester.username", SimpleType.STRING);
        vars.put("requester.email", SimpleType.STRING);
        vars.put("requester.groups", ListType.create(SimpleType.STRING));
        vars.put("requester.hasSecondFactor", SimpleType.BOOL);
        vars.put("target.account", SimpleType.STRING);
        vars.put("target.role", SimpleType.STRING);
        vars.put("target.region", SimpleType.STRING);
        vars.put("target.policy", SimpleType.STRING);
        vars.put("instance.id", SimpleType.STRING);
        vars.put("instance.tags", MapType.create(SimpleType.STRING, SimpleType.STRING));
        vars.put("request.duration", SimpleType.DURATION);
        vars.put("request.durationSeconds", SimpleType.INT);
        vars.put("request.start", SimpleType.TIMESTAMP);
        vars.put("request.end", SimpleType.TIMESTAMP);
        vars.put("request.ticket", SimpleType.STRING);
        vars.put("request.breakGlass", SimpleType.BOOL);
        vars.put("usage.hoursLast7Days", SimpleType.DOUBLE);
        vars.put("usage.hoursAhead", SimpleType.DOUBLE);
        vars.put("usage.hoursPending", SimpleType.DOUBLE);
        vars.put("usage.requestsLast24Hours", SimpleType.INT);
        vars.put("now", SimpleType.TIMESTAMP);
        vars.put("timeZone", SimpleType.STRING);
        return Collections.unmodifiableMap(vars);
    }

    /** The rule compiled and type-checked (a boolean over the context), or why it is not a valid rule. */
    public static Compilation compile(Rule rule) {
        if (rule.expression() == null || rule.expression().isBlank()) {
            return new Compilation(null, "has no expression");
        }
        if (rule.expression().codePointCount(0, rule.expression().length()) > MAX_EXPRESSION) {
            return new Compilation(null, "is longer than " + MAX_EXPRESSION + " characters");
        }
        try {
            CelAbstractSyntaxTree ast = LITERALS.validate(CEL.compile(rule.expression()).getAst()).getAst();
            List<String> literals = Literals.problems(ast);
            if (!literals.isEmpty()) {
                return new Compilation(null, String.join("; ", literals));
            }
            return new Compilation(new CompiledRule(rule, CEL.createProgram(ast)), null);
        } catch (CelValidationException e) {
            return new Compilation(null, oneLine(e.getMessage()));
        } catch (CelEvaluationException | RuntimeException e) {
            return new Compilation(null, "cannot be prepared: " + oneLine(e.getMessage()));
        }
    }

    /** A compiled rule, or the error that kept it from compiling. */
    public record Compilation(CompiledRule rule, String error) {
        public Optional<String> failure() {
            return Optional.ofNullable(error);
        }
    }

    static boolean evaluate(CelRuntime.Program program, RuleContext context) throws CelEvaluationException {
        int[] steps = {0};
        Object result = program.trace(context.variables(), (expr, value) -> {
            if (++steps[0] > MAX_STEPS) {
                throw new StepLimit();
            }
        });
        if (!(result instanceof Boolean b)) {
            throw new IllegalStateException("the expression gave " + result + ", not true or false");
        }
        return b;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String text = message.replace("\r", "").replace('\n', ' ').replaceAll(" +", " ").trim();
        return text.length() > 500 ? text.substring(0, 499) + "…" : text;
    }

    /** Thrown out of an evaluation that used up {@link #MAX_STEPS}. */
    static final class StepLimit extends RuntimeException {
        StepLimit() {
            super("the evaluation took more than " + MAX_STEPS + " steps", null, false, false);
        }
    }
}
