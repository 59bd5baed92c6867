package io.elevate.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelVarDecl;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the time zones and regular expressions an expression writes as literals ({@code now.getHours('Europe/Berlin')},
 * {@code request.ticket.matches('^CHG[0-9]+$')}) when a rule is saved, with the same CEL functions that evaluate them,
 * so that a misspelt zone or a broken pattern is refused then, not found on every request afterwards (where a deny
 * rule would deny everyone and an automatic approval approve no one).
 */
final class Literals {

    /** The timestamp functions that take a time zone. */
    private static final Set<String> ZONED = Set.of("getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth",
            "getDate", "getDayOfWeek", "getHours", "getMinutes", "getSeconds", "getMilliseconds");

    private static final Cel CHECKER = CelFactory.standardCelBuilder()
            .addVarDeclarations(List.of(CelVarDecl.newVarDeclaration("text", SimpleType.STRING)))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime.Program ZONE = program("timestamp('2000-01-01T00:00:00Z').getHours(text) >= 0");
    private static final CelRuntime.Program PATTERN = program("''.matches(text) == ''.matches(text)");

    private Literals() {
    }

    private static CelRuntime.Program program(String expression) {
        try {
            return CHECKER.createProgram(CHECKER.compile(expression).getAst());
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the literal check " + expression, e);
        }
    }

    /** Why CEL's timestamp functions would refuse this time zone, or empty when they accept it. */
    static Optional<String> zoneProblem(String zone) {
        return refused(ZONE, zone).map(error -> "time zone '" + zone + "' is not known (an IANA name such as "
                + "Europe/Berlin, or an offset such as +01:00)");
    }

    /** Every literal time zone or pattern of the expression that its function would refuse, described. */
    static List<String> problems(CelAbstractSyntaxTree ast) {
        Set<String> problems = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL)
                .forEach(e -> {
                    CelExpr.CelCall call = e.call();
                    List<CelExpr> args = call.args();
                    if (ZONED.contains(call.function()) && call.target().isPresent() && args.size() == 1) {
                        text(args.get(0)).flatMap(Literals::zoneProblem).ifPresent(problems::add);
                    }
                    if (call.function().equals("matches")) {
                        CelExpr pattern = call.target().isPresent() && args.size() == 1 ? args.get(0)
                                : args.size() == 2 ? args.get(1) : null;
                        if (pattern != null) {
                            text(pattern).flatMap(p -> refused(PATTERN, p)).ifPresent(error -> problems.add(
                                    "pattern '" + textOf(pattern) + "' is not a valid regular expression: " + error));
                        }
                    }
                });
        return new ArrayList<>(problems);
    }

    private static Optional<String> text(CelExpr expr) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE
                ? Optional.of(expr.constant().stringValue()) : Optional.empty();
    }

    private static String textOf(CelExpr expr) {
        return expr.constant().stringValue();
    }

    /** The error the check's program gives for this text, or empty when it accepts it. */
    private static Optional<String> refused(CelRuntime.Program check, String text) {
        try {
            check.eval(Map.of("text", text));
            return Optional.empty();
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return Optional.of(RuleEngine.oneLine(cause.getMessage()));
        }
    }
}
