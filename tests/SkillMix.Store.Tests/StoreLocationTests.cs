namespace SkillMix.Store.Tests;

public sealed class StoreLocationTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void SKILLMIX_STORE_wins_over_everything()
    {
        var path = StoreLocation.Default(Env(("SKILLMIX_STORE", "/data/store"), ("XDG_CACHE_HOME", "/xdg")), "/home/u");

        Assert.Equal("/data/store", path);
    }

    [Fact]
    public void XDG_CACHE_HOME_comes_next()
    {
        Assert.Equal("/xdg/skillmix/store", StoreLocation.Default(Env(("XDG_CACHE_HOME", "/xdg")), "/home/u"));
    }

    [Fact]
    public void A_relative_XDG_CACHE_HOME_is_ignored_as_the_XDG_rules_say()
    {
        Assert.Equal("/home/u/.cache/skillmix/store", StoreLocation.Default(Env(("XDG_CACHE_HOME", "cache")), "/home/u"));
    }

    [Fact]
    public void The_home_cache_is_the_fallback()
    {
        Assert.Equal("/home/u/.cache/skillmix/store", StoreLocation.Default(Env(), "/home/u"));
    }

    [Fact]
    public void An_explicit_path_is_used_as_given_made_absolute()
    {
        Assert.Equal(Path.GetFullPath("rel/store"), StoreLocation.Resolve("rel/store"));
    }
}
